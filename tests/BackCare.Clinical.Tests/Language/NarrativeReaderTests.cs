using BackCare.Clinical.Contract;
using System.Globalization;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

/// <summary>
/// The phrase table of issue 3: what the narrative reader must and must not read from one phrase. Each row
/// names its kind: plain, negation, history, other (someone else's finding), uncertain or hypothetical.
/// "must" lists code=value pairs that must be read; "must not" lists code=value pairs that must not be
/// read, or a bare code that must be left unanswered.
/// </summary>
public class NarrativeReaderTests
{
    public static TheoryData<string, string, string, string> Phrases => new()
    {
        { "plain", "I wet myself and didn't feel it.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "plain", "I've been leaking urine since yesterday.", "bladder_dysfunction=true onset_days=1", "" },
        { "plain", "I can't tell when my bladder is full.", "bladder_dysfunction=true", "" },
        { "plain", "I haven't been able to pee since last night.", "bladder_dysfunction=true onset_days=1", "" },
        { "plain", "Peeing is really hard to start now.", "bladder_dysfunction=true", "urinary_symptoms=true" },
        { "plain", "I have trouble passing urine.", "bladder_dysfunction=true", "" },
        { "plain", "This morning I couldn't pee at all even though I needed to.", "bladder_dysfunction=true onset_days=0", "bladder_dysfunction=false" },
        { "plain", "I could not pee this morning.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "plain", "I wasn't able to pee this morning.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "plain", "I have not been able to pass urine since lunch.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "plain", "I can't feel my legs properly.", "bilateral_leg_symptoms=true", "" },
        { "uncertain", "Numb in both legs and they feel weak.", "bilateral_leg_symptoms=true leg_weakness=true", "" },
        { "plain", "It's numb down there.", "saddle_numbness=true", "leg_numbness=true" },
        { "plain", "My bum and inner thighs feel numb.", "saddle_numbness=true", "" },
        { "plain", "I can't feel the toilet paper when I wipe.", "saddle_numbness=true", "" },
        { "plain", "Tingling around my groin since this morning.", "saddle_numbness=true onset_days=0", "" },
        { "plain", "I pooed myself without knowing.", "bowel_incontinence=true", "" },
        { "plain", "I've lost control of my bowels.", "bowel_incontinence=true", "" },
        { "plain", "I can't get an erection since the pain started.", "sexual_dysfunction=true", "" },
        { "plain", "My foot slaps the floor when I walk.", "leg_weakness=true", "leg_paralysis=true" },
        { "plain", "I have a foot drop on the right.", "leg_weakness=true", "" },
        { "plain", "My left leg keeps giving way.", "leg_weakness=true", "" },
        { "plain", "I can't stand on my tiptoes on the left side.", "leg_weakness=true", "" },
        { "plain", "My leg is getting weaker every day.", "leg_weakness=true leg_weakness_progressive=true", "" },
        { "plain", "I can't move my legs at all.", "leg_paralysis=true", "" },
        { "plain", "Both my legs are numb.", "bilateral_leg_symptoms=true", "" },
        { "plain", "Pins and needles down both legs.", "bilateral_leg_symptoms=true", "" },
        { "plain", "Pins and needles in my right foot.", "leg_numbness=true", "bilateral_leg_symptoms=true" },
        { "plain", "My left leg has gone numb.", "leg_numbness=true", "bilateral_leg_symptoms=true" },
        { "plain", "Pain shooting down my leg below the knee.", "sciatica=true", "" },
        { "plain", "I've got sciatica down my right leg.", "sciatica=true", "bilateral_leg_symptoms=true" },
        { "plain", "I keep stumbling and feel off balance.", "unsteady_walking=true", "" },
        { "plain", "I have a fever and chills.", "fever=true", "" },
        { "plain", "My temperature is 38.9.", "fever=true", "" },
        { "plain", "Temperature of 37.2 this morning.", "fever=false", "fever=true" },
        { "plain", "I've been throwing up with the pain.", "nausea_vomiting=true", "" },
        { "plain", "I feel sick.", "nausea_vomiting=true", "" },
        { "plain", "I've lost a stone without trying.", "weight_loss=true", "" },
        { "plain", "I've had breast cancer.", "cancer_history=true", "" },
        { "plain", "I'm on chemo for lymphoma.", "cancer_history=true immunosuppressed=true", "" },
        { "plain", "I have HIV.", "immunosuppressed=true", "" },
        { "plain", "I take methotrexate for my arthritis.", "immunosuppressed=true", "" },
        { "plain", "I inject heroin.", "iv_drug_use=true", "" },
        { "plain", "I had an epidural injection in my back three weeks ago.", "recent_infection_or_procedure=true", "onset_days=21" },
        { "plain", "I've had a kidney infection this month.", "recent_infection_or_procedure=true", "" },
        { "plain", "I have osteoporosis.", "osteoporosis=true", "" },
        { "plain", "I've been on prednisolone for two years.", "long_term_steroids=true", "onset_days=730" },
        { "plain", "The pain is there at night whatever position I lie in.", "night_pain=true", "" },
        { "plain", "The pain never lets up.", "constant_progressive_pain=true", "" },
        { "plain", "I'm stiff for an hour every morning.", "morning_stiffness=true", "onset_days=0" },
        { "plain", "It gets better when I exercise.", "better_with_exercise=true", "course=improving" },
        { "plain", "The pain wakes me up at night.", "sleep_disturbed=true", "" },
        { "plain", "I have crushing chest pain.", "chest_pain=true", "" },
        { "plain", "I'm short of breath.", "chest_pain=true", "" },
        { "plain", "A sudden tearing pain went through to my back.", "tearing_pain=true", "" },
        { "plain", "There's a throbbing lump in my belly.", "pulsatile_abdominal_mass=true", "" },
        { "plain", "I have stomach pain as well.", "abdominal_pain=true", "" },
        { "plain", "It burns when I pee.", "urinary_symptoms=true", "bladder_dysfunction=true" },
        { "plain", "There's blood in my urine.", "urinary_symptoms=true", "bladder_dysfunction=true" },
        { "plain", "The pain comes after fatty meals.", "pain_after_fatty_meals=true", "" },
        { "plain", "I can't walk because of the pain.", "cannot_walk=true", "" },
        { "plain", "I can't put my socks on or get dressed.", "daily_activities_impaired=true", "" },
        { "plain", "I'm 12 weeks pregnant.", "pregnant=true", "onset_days=84" },
        { "plain", "I have kidney disease.", "kidney_disease=true", "" },
        { "plain", "I had a bleeding stomach ulcer.", "stomach_ulcer_or_bleeding=true", "" },
        { "plain", "I take apixaban.", "blood_thinners=true", "" },
        { "plain", "I take a daily aspirin.", "blood_thinners=true", "" },
        { "plain", "I have cirrhosis of the liver.", "liver_disease=true", "" },
        { "plain", "I drink about 6 pints a night.", "heavy_alcohol=true", "" },
        { "plain", "I have 2 glasses of wine a day.", "heavy_alcohol=false", "heavy_alcohol=true" },
        { "plain", "I'm allergic to ibuprofen.", "nsaid_allergy_or_asthma=true", "" },
        { "plain", "I had a heart attack two years ago.", "heart_disease=true", "onset_days=730" },
        { "plain", "It started when I lifted a heavy box.", "trigger=lifting", "" },
        { "plain", "I twisted awkwardly getting out of the car.", "trigger=twisting", "" },
        { "plain", "I hurt it playing football.", "trigger=sport", "" },
        { "plain", "It came on after a long drive.", "trigger=posture", "" },
        { "plain", "It went when I sneezed.", "trigger=cough_sneeze", "" },
        { "plain", "I slipped on the ice.", "trigger=minor_fall", "" },
        { "plain", "I fell off a ladder.", "trigger=major_trauma", "" },
        { "plain", "I was in a car crash.", "trigger=major_trauma", "" },
        { "plain", "It came on out of nowhere.", "trigger=none", "" },
        { "plain", "I don't know what set it off.", "trigger=unknown", "" },
        { "plain", "It's getting worse.", "course=worsening", "" },
        { "plain", "It's getting better slowly.", "course=improving", "" },
        { "plain", "It's about the same.", "course=unchanged", "" },
        { "plain", "The pain is 7/10.", "pain_score=7", "" },
        { "plain", "I'd say about a 6.", "pain_score=6", "" },
        { "plain", "It's 8 out of 10.", "pain_score=8", "" },
        { "plain", "Pain is at a 4 today.", "pain_score=4", "" },
        { "plain", "It hurts, maybe a five out of ten.", "pain_score=5", "" },
        { "plain", "Since yesterday my back is sore.", "onset_days=1", "" },
        { "plain", "My back has hurt for three weeks.", "onset_days=21", "" },
        { "plain", "It started this morning.", "onset_days=0", "" },
        { "plain", "It started 10 days ago.", "onset_days=10", "" },
        { "plain", "It's been sore for a fortnight.", "onset_days=14", "" },
        { "plain", "Back pain for a month.", "onset_days=30", "" },
        { "plain", "It's been a couple of days.", "onset_days=2", "" },
        { "plain", "It came on the day before yesterday.", "onset_days=2", "" },
        { "plain", "I've had this pain for five months.", "onset_days=150", "" },
        { "plain", "This is the third time this year.", "previous_episodes=2", "" },
        { "plain", "I've had this twice before.", "previous_episodes=2", "" },
        { "plain", "This is the first time this has happened.", "previous_episodes=0", "" },
        { "plain", "Ibuprofen hasn't helped at all.", "otc_no_relief=true", "" },
        { "plain", "Paracetamol helps a bit.", "otc_no_relief=false", "otc_no_relief=true" },
        { "plain", "I've been taking ibuprofen for 4 days.", "self_care_days=4", "onset_days=4" },
        { "plain", "It hurts more when I lean backwards.", "worse_with_extension=true", "" },
        { "plain", "The pain is in my lower back.", "pain_region=lower", "" },
        { "plain", "The pain is between my shoulder blades.", "pain_region=upper", "" },
        { "plain", "It's in the middle of my back.", "pain_region=middle", "" },
        { "plain", "I'm on warfarin for my heart rhythm.", "blood_thinners=true", "" },
        { "plain", "I get pain in my tummy too.", "abdominal_pain=true", "" },
        { "plain", "Lifting my toddler set it off yesterday.", "trigger=lifting onset_days=1", "" },
        { "plain", "I bent over to tie my shoes and it went.", "trigger=twisting", "" },
        { "plain", "My legs feel like jelly.", "leg_weakness=true", "" },
        { "plain", "I can barely stand up.", "cannot_walk=true", "" },
        { "negation", "No fever.", "fever=false", "fever=true" },
        { "negation", "No numbness or weakness.", "leg_numbness=false leg_weakness=false", "leg_numbness=true leg_weakness=true" },
        { "negation", "I don't have any numbness in my legs.", "bilateral_leg_symptoms=false", "bilateral_leg_symptoms=true leg_numbness=true" },
        { "negation", "Denies fever or chills.", "fever=false", "fever=true" },
        { "negation", "It's not getting worse.", "", "course=worsening" },
        { "negation", "It's not getting better.", "course=unchanged", "course=improving" },
        { "negation", "No problems peeing.", "bladder_dysfunction=false", "bladder_dysfunction=true" },
        { "negation", "Peeing is normal.", "bladder_dysfunction=false", "bladder_dysfunction=true" },
        { "negation", "My bladder and bowels are fine.", "bladder_dysfunction=false bowel_incontinence=false", "bladder_dysfunction=true bowel_incontinence=true" },
        { "negation", "My legs are fine.", "leg_weakness=false", "leg_weakness=true sciatica=true" },
        { "negation", "My legs feel normal.", "leg_weakness=false", "leg_weakness=true" },
        { "negation", "No leg or bladder problems.", "bladder_dysfunction=false leg_weakness=false", "bladder_dysfunction=true leg_weakness=true" },
        { "negation", "No numbness down there.", "saddle_numbness=false", "saddle_numbness=true" },
        { "negation", "I haven't wet myself.", "bladder_dysfunction=false", "bladder_dysfunction=true" },
        { "negation", "I have not lost any weight.", "weight_loss=false", "weight_loss=true" },
        { "negation", "I've never had cancer.", "cancer_history=false", "cancer_history=true" },
        { "negation", "I don't take blood thinners.", "blood_thinners=false", "blood_thinners=true" },
        { "negation", "I'm not pregnant.", "pregnant=false", "pregnant=true" },
        { "negation", "No chest pain, no shortness of breath.", "chest_pain=false", "chest_pain=true" },
        { "negation", "No pain going down my legs.", "bilateral_leg_symptoms=false", "bilateral_leg_symptoms=true" },
        { "negation", "No pain down my leg.", "sciatica=false", "sciatica=true" },
        { "negation", "I can walk fine.", "cannot_walk=false", "cannot_walk=true" },
        { "negation", "I can still walk.", "cannot_walk=false", "cannot_walk=true" },
        { "negation", "No bowel or bladder problems.", "bladder_dysfunction=false bowel_incontinence=false", "bladder_dysfunction=true bowel_incontinence=true" },
        { "negation", "Without any tingling or numbness.", "leg_numbness=false", "leg_numbness=true" },
        { "negation", "I don't feel sick.", "nausea_vomiting=false", "nausea_vomiting=true" },
        { "negation", "There is no blood in my pee.", "urinary_symptoms=false", "urinary_symptoms=true bladder_dysfunction=true" },
        { "negation", "No fever, but my legs are weak.", "fever=false leg_weakness=true", "leg_weakness=false" },
        { "negation", "No fever and I've been leaking urine.", "fever=false bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "negation", "I didn't fall or injure myself.", "trigger=none", "trigger=minor_fall" },
        { "negation", "It doesn't wake me at night.", "sleep_disturbed=false", "sleep_disturbed=true" },
        { "negation", "I'm not on steroids.", "long_term_steroids=false", "long_term_steroids=true" },
        { "negation", "I don't drink much.", "", "heavy_alcohol=true" },
        { "negation", "I haven't had any surgery or injections.", "recent_infection_or_procedure=false", "recent_infection_or_procedure=true" },
        { "negation", "No history of cancer.", "cancer_history=false", "cancer_history=true" },
        { "negation", "No weakness, numbness or tingling.", "leg_weakness=false leg_numbness=false", "leg_weakness=true leg_numbness=true" },
        { "negation", "No other problems.", "", "fever=true bladder_dysfunction=true" },
        { "negation", "Nothing else unusual.", "", "fever=true" },
        { "negation", "Ibuprofen hasn't really helped.", "otc_no_relief=true", "otc_no_relief=false" },
        { "negation", "Painkillers don't touch it.", "otc_no_relief=true", "" },
        { "negation", "It's no better and no worse.", "course=unchanged", "course=worsening course=improving" },
        { "negation", "No change since Monday.", "course=unchanged", "" },
        { "negation", "I've lost weight without trying.", "weight_loss=true", "weight_loss=false" },
        { "negation", "At night no position helps.", "night_pain=true", "night_pain=false" },
        { "negation", "It's never happened before.", "previous_episodes=0", "" },
        { "negation", "I've never had back pain before.", "previous_episodes=0", "" },
        { "negation", "I didn't realise I had wet myself.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "negation", "There's no numbness but I keep tripping over my foot.", "leg_numbness=false leg_weakness=true", "" },
        { "negation", "Not sure what triggered it.", "trigger=unknown", "" },
        { "negation", "No trouble walking.", "unsteady_walking=false", "unsteady_walking=true" },
        { "negation", "No burning when I pee.", "urinary_symptoms=false", "urinary_symptoms=true" },
        { "negation", "My walking is normal.", "unsteady_walking=false cannot_walk=false", "unsteady_walking=true cannot_walk=true" },
        { "negation", "The numbness has gone away.", "leg_numbness=false", "leg_numbness=true" },
        { "negation", "I am not feverish.", "fever=false", "fever=true" },
        { "negation", "No temperature.", "fever=false", "fever=true" },
        { "negation", "Never injected drugs.", "iv_drug_use=false", "iv_drug_use=true" },
        { "negation", "No heart problems.", "heart_disease=false", "heart_disease=true" },
        { "negation", "No kidney or liver problems.", "kidney_disease=false liver_disease=false", "kidney_disease=true liver_disease=true" },
        { "negation", "I can't walk without my leg giving way.", "leg_weakness=true", "leg_weakness=false" },
        { "negation", "No tearing pain.", "tearing_pain=false", "tearing_pain=true" },
        { "negation", "No sciatica this time.", "sciatica=false", "sciatica=true" },
        { "history", "Had breast cancer years ago, all clear.", "cancer_history=true", "cancer_history=false onset_days=730" },
        { "history", "I had prostate cancer treated three years ago.", "cancer_history=true", "onset_days=1095" },
        { "history", "I had sciatica 5 years ago.", "", "sciatica=true onset_days=1825" },
        { "history", "I had a spinal injection three weeks ago.", "recent_infection_or_procedure=true", "" },
        { "history", "I had back surgery years ago.", "", "recent_infection_or_procedure=true" },
        { "history", "I had a spinal fusion in 2015.", "", "recent_infection_or_procedure=true onset_days=1000" },
        { "history", "I used to inject drugs.", "", "iv_drug_use=true" },
        { "history", "I had a fever last week.", "fever=true", "" },
        { "history", "I had a stomach ulcer in the past.", "stomach_ulcer_or_bleeding=true", "" },
        { "history", "I had a heart attack in 2019.", "heart_disease=true", "" },
        { "history", "As a child my legs used to go numb.", "", "leg_numbness=true bilateral_leg_symptoms=true" },
        { "history", "I've taken prednisone for years for arthritis.", "long_term_steroids=true", "onset_days=730" },
        { "history", "I was on steroid tablets for a week last year.", "", "long_term_steroids=true" },
        { "history", "My back went five years ago and it went again yesterday.", "onset_days=1", "onset_days=1825" },
        { "history", "I had chemo ten years ago.", "cancer_history=true", "immunosuppressed=true" },
        { "history", "I had a kidney infection last year.", "", "recent_infection_or_procedure=true" },
        { "history", "I've had this before.", "previous_episodes=1", "" },
        { "history", "I had an epidural when my son was born two months ago.", "recent_infection_or_procedure=true", "" },
        { "history", "Previously I had a slipped disc with sciatica.", "", "sciatica=true" },
        { "history", "I had a UTI two weeks ago.", "recent_infection_or_procedure=true", "" },
        { "history", "I had leg weakness years ago after an accident.", "", "leg_weakness=true" },
        { "history", "I had a minor op on my back six weeks ago.", "recent_infection_or_procedure=true", "" },
        { "history", "I was treated for melanoma in 2010.", "cancer_history=true", "" },
        { "history", "I had osteoporosis diagnosed last year.", "osteoporosis=true", "" },
        { "history", "I used to have bladder problems after my first baby.", "", "bladder_dysfunction=true" },
        { "history", "I broke my hip years ago.", "", "onset_days=730" },
        { "history", "The pain started 2 years ago and never went away.", "onset_days=730", "" },
        { "history", "My back started hurting 5 months ago.", "onset_days=150", "" },
        { "other", "My mother had cancer.", "", "cancer_history=true" },
        { "other", "My dad had a stroke.", "", "heart_disease=true" },
        { "other", "Cancer runs in my family.", "", "cancer_history=true" },
        { "other", "There's a family history of bowel cancer.", "", "cancer_history=true bowel_incontinence=true" },
        { "other", "My son has a fever.", "", "fever=true" },
        { "other", "My wife thinks my foot drags.", "leg_weakness=true", "" },
        { "other", "My husband says I've been wetting the bed.", "bladder_dysfunction=true", "" },
        { "other", "My sister has osteoporosis.", "", "osteoporosis=true" },
        { "other", "My friend had sciatica for months.", "", "sciatica=true onset_days=60" },
        { "other", "My brother injects drugs.", "", "iv_drug_use=true" },
        { "other", "My mum is on warfarin.", "", "blood_thinners=true" },
        { "other", "My grandmother had a heart attack.", "", "heart_disease=true" },
        { "other", "My partner is pregnant.", "", "pregnant=true" },
        { "other", "My daughter was sick last night.", "", "nausea_vomiting=true" },
        { "other", "His leg gave way.", "", "leg_weakness=true" },
        { "other", "My mum had breast cancer and I have back pain.", "", "cancer_history=true" },
        { "other", "My father had lung cancer but I've never had it.", "", "cancer_history=true" },
        { "uncertain", "I think maybe I leaked a bit of urine.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "uncertain", "Maybe a slight fever.", "fever=true", "fever=false" },
        { "uncertain", "I'm not sure if it's numb down there.", "saddle_numbness=true", "saddle_numbness=false" },
        { "uncertain", "I might have lost some weight.", "weight_loss=true", "" },
        { "uncertain", "My leg feels kind of weak.", "leg_weakness=true", "" },
        { "uncertain", "Possibly some blood in my pee.", "urinary_symptoms=true", "" },
        { "uncertain", "I don't know if I have a temperature.", "fever=true", "fever=false" },
        { "uncertain", "I don't think I have a fever.", "", "fever=true fever=false" },
        { "uncertain", "I guess it's a bit better.", "", "course=improving" },
        { "uncertain", "Maybe it's getting worse.", "course=worsening", "" },
        { "uncertain", "It could be sciatica.", "sciatica=true", "" },
        { "uncertain", "I think I twisted it.", "trigger=twisting", "" },
        { "uncertain", "I probably feel a bit sick.", "nausea_vomiting=true", "" },
        { "uncertain", "I have asthma.", "nsaid_allergy_or_asthma=true", "nsaid_allergy_or_asthma=false" },
        { "uncertain", "It's worse at night.", "night_pain=true", "" },
        { "uncertain", "Not sure whether my bladder is emptying properly.", "bladder_dysfunction=true", "" },
        { "uncertain", "I don't think my legs are weak.", "", "leg_weakness=true leg_weakness=false" },
        { "uncertain", "I suppose I've had a few sweats.", "fever=true", "" },
        { "uncertain", "Seems like my balance is off.", "unsteady_walking=true", "" },
        { "hypothetical", "What should I do if I get a fever?", "", "fever=true fever=false" },
        { "hypothetical", "If my legs go numb I'll call 999.", "", "leg_numbness=true bilateral_leg_symptoms=true" },
        { "hypothetical", "I'm worried about cancer.", "", "cancer_history=true" },
        { "hypothetical", "I was told to watch for numbness down there.", "", "saddle_numbness=true" },
        { "hypothetical", "In case I lose bladder control what do I do?", "", "bladder_dysfunction=true" },
        { "hypothetical", "I'm scared I might have a tumour.", "", "cancer_history=true" },
        { "hypothetical", "I was tested for cancer and it was clear.", "", "cancer_history=true" },
        { "plain", "I can't lift my right foot up and it drags when I walk.", "leg_weakness=true", "" },
        { "plain", "Terrible pain in my back and belly since an hour ago.", "abdominal_pain=true onset_days=0", "" },
        { "plain", "My GP said I have a slipped disc.", "", "trigger=minor_fall" },
        { "plain", "Stiff every morning for an hour for the last year.", "morning_stiffness=true onset_days=365", "" },
        { "plain", "Right-sided back pain that comes in waves.", "urinary_symptoms=true", "" },
        { "negation", "Bowels and bladder OK.", "bowel_incontinence=false bladder_dysfunction=false", "bowel_incontinence=true bladder_dysfunction=true" },
        { "plain", "Peeing feels strange since yesterday.", "bladder_dysfunction=true onset_days=1", "" },
        { "history", "Kidney stones in the past.", "", "urinary_symptoms=true" },
        { "negation", "Got hit by a car, legs OK.", "trigger=major_trauma leg_weakness=false", "leg_weakness=true" },
        { "plain", "Heat packs and paracetamol for a week with no relief.", "otc_no_relief=true self_care_days=7", "onset_days=7" },
        { "plain", "I'm having trouble controlling my bladder since this afternoon.", "bladder_dysfunction=true onset_days=0", "" },
        { "plain", "I can barely get out of bed.", "daily_activities_impaired=true", "" },
        { "plain", "I can't bend to put my shoes on.", "daily_activities_impaired=true", "" },
        { "other", "My mum says I've been dragging my left leg.", "leg_weakness=true", "" },
        { "plain", "I can't walk properly and my balance is off.", "unsteady_walking=true", "cannot_walk=true" },
        { "uncertain", "I think I've had a temperature but I haven't checked.", "fever=true", "fever=false" },
        { "negation", "I don't have any numbness, tingling or weakness and I'm not leaking.", "leg_numbness=false leg_weakness=false bladder_dysfunction=false", "leg_weakness=true bladder_dysfunction=true" },
        { "negation", "No problems with waterworks.", "bladder_dysfunction=false", "bladder_dysfunction=true" },
        { "negation", "No fever, weakness in my left leg since Tuesday.", "fever=false leg_weakness=true", "leg_weakness=false" },
        { "negation", "No pain in my legs but they feel weak.", "bilateral_leg_symptoms=false", "leg_weakness=false" },
        { "negation", "Not much pain but I wet myself.", "bladder_dysfunction=true", "bladder_dysfunction=false" },
        { "other", "Someone drove into the back of my car on the motorway yesterday.", "trigger=major_trauma onset_days=1", "" },
        { "other", "My husband fell off a ladder.", "", "trigger" },
        { "plain", "My left foot is dragging more each day.", "leg_weakness=true leg_weakness_progressive=true", "" },
        { "plain", "I woke up unable to feel my vagina or bottom properly.", "saddle_numbness=true", "" },
        { "uncertain", "I think my right leg might be a bit weak since yesterday.", "leg_weakness=true onset_days=1", "leg_weakness=false" },
        { "plain", "Back spasm two days after moving boxes.", "onset_days=2 trigger=lifting", "" },
        { "uncertain", "I can't remember the last time I peed.", "bladder_dysfunction=true", "" },
        { "plain", "I've had a cough and a temperature for a week and now my back hurts.", "fever=true", "trigger=cough_sneeze" },
        { "other", "I picked her up and my back went. She has a fever.", "trigger=lifting", "fever" },
        { "other", "My wife had sciatica last year, now I've got it down my left leg.", "sciatica=true", "" },
        { "hypothetical", "The doctor said to come back if I get numbness.", "", "leg_numbness" },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Given_a_phrase_When_read_Then_it_gives_the_findings_it_must_and_none_it_must_not(string kind, string text, string must, string mustNot)
    {
        // "other" rows are someone else's finding in the patient's own words ("My brother injects drugs."), so the
        // patient is named as the writer: with no "I" at all, such a sentence alone reads as written for the brother.
        var reading = NarrativeReader.Default.Read(text, kind == "other" ? NarrativeWriter.Self : null);

        foreach (var (code, value) in Parse(must))
        {
            reading.Findings.IsAnswered(code).ShouldBeTrue($"[{kind}] '{text}' should answer {code.Key()}");
            Normalise(reading.Findings.ValueOf(code)).ShouldBe(value, $"[{kind}] '{text}' {code.Key()}");
        }

        foreach (var (code, value) in Parse(mustNot))
        {
            if (value is null)
            {
                reading.Findings.IsAnswered(code).ShouldBeFalse($"[{kind}] '{text}' should leave {code.Key()} unanswered");
            }
            else
            {
                Normalise(reading.Findings.ValueOf(code)).ShouldNotBe(value, $"[{kind}] '{text}' {code.Key()}");
            }
        }
    }

    [Fact]
    public void Given_the_phrase_table_When_counted_Then_it_has_200_rows_and_half_test_negation_history_other_people_or_doubt()
    {
        var rows = Phrases.Select(row => (string)row[0]).ToList();

        rows.Count.ShouldBeGreaterThanOrEqualTo(200);
        rows.Count(kind => kind is "negation" or "history" or "other" or "uncertain").ShouldBeGreaterThanOrEqualTo(rows.Count / 2);
        Phrases.Select(row => (string)row[1]).ShouldBeUnique();
    }

    [Theory]
    [InlineData("My back pain is 11/10.", 10)]
    [InlineData("Honestly it's eleven out of ten.", 10)]
    [InlineData("The pain is 12 outta 10 tonight.", 10)]
    [InlineData("Pain is 10++ when I stand.", 10)]
    [InlineData("The pain is 9.5/10.", 10)]
    [InlineData("It hurts about 7.5 out of 10.", 8)]
    [InlineData("The pain is 7-8/10.", 8)]
    [InlineData("The pain is between 6 and 7.", 7)]
    [InlineData("It's 6 or 7 out of 10.", 7)]
    public void Given_a_score_said_above_the_scale_as_a_decimal_or_as_a_range_When_read_Then_the_higher_whole_score_up_to_ten_is_taken(string text, int score)
    {
        var reading = NarrativeReader.Default.Read(text);

        reading.Findings.ValueOf(FindingCode.PainScore).ShouldBe(score, text);
    }

    [Theory]
    [InlineData("I saw my GP on 11/10 about it.")]
    [InlineData("It started 11/10/2024 after gardening.")]
    [InlineData("I walk 12 times a day.")]
    public void Given_a_number_above_ten_that_is_no_score_When_read_Then_no_pain_score_is_taken(string text)
    {
        var reading = NarrativeReader.Default.Read(text);

        reading.Findings.IsAnswered(FindingCode.PainScore).ShouldBeFalse(text);
    }

    [Fact]
    public void Given_six_months_said_with_a_plus_When_read_Then_the_onset_is_more_than_six_months()
    {
        var reading = NarrativeReader.Default.Read("My back has been bad for 6+ months.");

        Convert.ToDouble(reading.Findings.ValueOf(FindingCode.OnsetDays)).ShouldBeGreaterThan(180);
    }

    [Theory]
    [InlineData("No numbness or weakness.", "No numbness", "leg_numbness")]
    [InlineData("I had breast cancer years ago, all clear.", "cancer", "cancer_history")]
    [InlineData("It hurts about 7 out of 10.", "about 7 out of 10", "pain_score")]
    [InlineData("My back has hurt for 3 days.", "for 3 days", "onset_days")]
    public void Given_a_narrative_When_read_Then_each_finding_carries_the_words_it_came_from(string text, string words, string key)
    {
        var reading = NarrativeReader.Default.Read(text);

        FindingCatalog.TryGet(key, out var definition).ShouldBeTrue();
        var evidence = reading.For(definition.Code).ShouldNotBeNull();
        evidence.Words.ShouldBe(words);
        text.Substring(evidence.Start, evidence.Length).ShouldBe(words);
    }

    [Fact]
    public void Given_a_hedged_red_flag_When_read_Then_it_is_yes_and_marked_uncertain()
    {
        var reading = NarrativeReader.Default.Read("I think maybe I leaked a bit of urine.");

        reading.Findings[FindingCode.BladderDysfunction].ShouldBeTrue();
        reading.Findings.IsUncertain(FindingCode.BladderDysfunction).ShouldBeTrue();
        reading.For(FindingCode.BladderDysfunction)!.Uncertain.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Hello.")]
    [InlineData("!!! ??? ...")]
    public void Given_text_with_nothing_to_read_When_read_Then_no_finding_is_answered(string text)
    {
        var reading = NarrativeReader.Default.Read(text);

        reading.Findings.AnsweredCodes().ShouldBeEmpty();
        reading.Evidence.ShouldBeEmpty();
    }

    private static IEnumerable<(FindingCode Code, string? Value)> Parse(string list)
    {
        foreach (var item in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('=');
            FindingCatalog.TryGet(parts[0], out var definition).ShouldBeTrue($"unknown code {parts[0]} in the table");
            yield return (definition.Code, parts.Length > 1 ? parts[1] : null);
        }
    }

    private static string? Normalise(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        double number => number.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
