using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>The gender a word for a person, or a pronoun, points to.</summary>
internal enum PersonGender
{
    Unknown,
    Female,
    Male,
}

/// <summary>
/// The words a narrative uses for people, read from the lexicon's "people" section: who someone writing
/// for the patient says they write for ("writing for", "on behalf of"), relatives and pronouns by gender,
/// words for the same person ("mum", "mother"), people who are never the patient ("the doctor"), and the
/// words the person resolver weighs to tell whom a text is about: how the writer names themselves ("I",
/// "me", "my"), whose back it is ("my lower back", "dad's bad back"), who is a clause's subject ("she",
/// "the lad") and who has an age said ("I'm 41", "mum is 81", "my 12 year old").
/// </summary>
internal sealed class PeopleWords
{
    private readonly Dictionary<string, PersonGender> _gender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sameAs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pronouns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _neverPatient = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writerWords;
    private readonly HashSet<string> _writerSubjects;
    private readonly HashSet<string> _writerObjects;
    private readonly HashSet<string> _my;
    private readonly HashSet<string> _our;
    private readonly HashSet<string> _backWords;
    private readonly HashSet<string> _backModifiers;
    private readonly HashSet<string> _notBackOwners;
    private readonly HashSet<string> _backAdverbVerbs;
    private readonly HashSet<string> _possessives;
    private readonly HashSet<string> _subjectPronouns;
    private readonly HashSet<string> _personDeterminers;
    private readonly HashSet<string> _ageLeadIns;
    private readonly HashSet<string> _notAnAgeAfter;
    private readonly HashSet<string> _selfAgeLeadIns;
    private readonly HashSet<string> _childAgeWords;
    private readonly HashSet<string> _relativeWords;
    private readonly HashSet<string> _byKindOnly;
    private readonly HashSet<string> _messengerVerbs;
    private readonly HashSet<string> _reportingVerbs;

    public PeopleWords(JsonElement people)
    {
        CarerIntro = new PhraseMatcher();
        foreach (var phrase in people.GetProperty("carer_intro").EnumerateArray())
        {
            CarerIntro.Add(phrase.GetString()!, 1);
        }

        foreach (var phrase in people.GetProperty("carer_hint").EnumerateArray())
        {
            CarerIntro.Add(phrase.GetString()!, 0);
        }

        foreach (var phrase in people.GetProperty("not_carer_intro").EnumerateArray())
        {
            CarerIntro.Add(phrase.GetString()!, NotAnIntro);
        }

        Add(people, "female", PersonGender.Female);
        Add(people, "male", PersonGender.Male);
        Add(people, "neutral", PersonGender.Unknown);
        foreach (var word in people.GetProperty("pronouns").EnumerateArray())
        {
            _pronouns.Add(word.GetString()!);
        }

        foreach (var word in people.GetProperty("never_the_patient").EnumerateArray())
        {
            _neverPatient.Add(word.GetString()!);
        }

        foreach (var group in people.GetProperty("same_person").EnumerateArray())
        {
            var words = group.EnumerateArray().Select(w => w.GetString()!).ToArray();
            foreach (var word in words)
            {
                _sameAs[word] = words[0];
            }
        }

        _writerWords = Set(people, "writer_words");
        _writerSubjects = Set(people, "writer_subjects");
        _writerObjects = Set(people, "writer_objects");
        _my = Set(people, "my_words");
        _our = Set(people, "our_words");
        _backWords = Set(people, "back_words");
        _backModifiers = Set(people, "back_modifiers");
        _notBackOwners = Set(people, "not_back_owners");
        _backAdverbVerbs = Set(people, "back_adverb_verbs");
        _possessives = Set(people, "possessives");
        _subjectPronouns = Set(people, "subject_pronouns");
        _personDeterminers = Set(people, "person_determiners");
        _ageLeadIns = Set(people, "age_lead_ins");
        _notAnAgeAfter = Set(people, "not_an_age_after");
        _selfAgeLeadIns = Set(people, "self_age_lead_ins");
        _childAgeWords = Set(people, "child_age_words");
        _relativeWords = Set(people, "relative_words");
        _byKindOnly = Set(people, "by_kind_only");
        _messengerVerbs = Set(people, "messenger_verbs");
        _reportingVerbs = Set(people, "reporting_verbs");
        ActingOnSomeone = [.. people.GetProperty("acting_on_someone").EnumerateArray().Select(v => v.GetString()!.Split('_'))];
    }

    /// <summary>
    /// "writing for", "on behalf of" (payload 1: the writer says whom the text is about) and "I look after",
    /// "for my" (payload 0: a hint, which the rest of the text can outweigh).
    /// </summary>
    /// <summary>The payload of a phrase that looks like an introduction but is not one ("asking for a friend").</summary>
    public const int NotAnIntro = -1;

    public PhraseMatcher CarerIntro { get; }

    /// <summary>
    /// The words the tokenizer numbers for the phrase matcher. The resolver's own words (the writer's, the
    /// back's, ages') are compared as text and left out: numbering a word also keeps the spelling corrector
    /// off it.
    /// </summary>
    public IEnumerable<string> Words => _gender.Keys.Concat(_neverPatient).Concat(CarerIntro.Words);

    /// <summary>True for a word that names a person other than the writer: a relative, a friend, a pronoun.</summary>
    public bool IsPerson(string word) => _gender.ContainsKey(word);

    public bool IsPronoun(string word) => _pronouns.Contains(word);

    public bool IsNeverPatient(string word) => _neverPatient.Contains(word);

    public PersonGender GenderOf(string word) => _gender.GetValueOrDefault(word);

    /// <summary>True when two words name the same person ("mum" and "mother").</summary>
    public bool Same(string a, string b) => a == b || (_sameAs.TryGetValue(a, out var x) && _sameAs.TryGetValue(b, out var y) && x == y);

    /// <summary>"I", "me", "myself": the writer named, so the person someone writes for is not looked for past it.</summary>
    public bool IsWriterWord(string word) => _writerWords.Contains(word);

    /// <summary>"I", "I've": the writer as the one who does or has something ("my wife says I ...").</summary>
    public bool IsWriterSubject(string word) => _writerSubjects.Contains(word);

    /// <summary>"me", "mine": the writer named as the one spoken to or owning, which says nothing of whose pain it is.</summary>
    public bool IsWriterObject(string word) => _writerObjects.Contains(word);

    /// <summary>"my": the writer's own, unless a person follows ("my mum").</summary>
    public bool IsMy(string word) => _my.Contains(word);

    /// <summary>"our": the writer's and someone else's ("our son").</summary>
    public bool IsOur(string word) => _our.Contains(word);

    /// <summary>"my" or "our".</summary>
    public bool IsMyOrOur(string word) => IsMy(word) || IsOur(word);

    /// <summary>"back", "spine", "lumbago": the words whose owner is the person with the back pain.</summary>
    public bool IsBackWord(string word) => _backWords.Contains(word);

    /// <summary>"lower", "bad": words that may stand between whose back it is and the back ("dad's bad back").</summary>
    public bool IsBackModifier(string word) => _backModifiers.Contains(word);

    /// <summary>"he", "him": person words that never say whose back follows them ("helped him back to bed").</summary>
    public bool IsNotBackOwner(string word) => _notBackOwners.Contains(word);

    /// <summary>"call", "ring": a verb whose "me back" is a return, not the writer's back ("please call me back").</summary>
    public bool IsBackAdverbVerb(string word) => _backAdverbVerbs.Contains(word);

    /// <summary>"her", "his", "their": a person after one is someone's relative ("her sister"), not the patient.</summary>
    public bool IsPossessive(string word) => _possessives.Contains(word);

    /// <summary>"he", "she's": a pronoun that is a clause's subject.</summary>
    public bool IsSubjectPronoun(string word) => _subjectPronouns.Contains(word);

    /// <summary>"my", "the", "a": words that may stand before a person first in a clause ("the lad").</summary>
    public bool IsPersonDeterminer(string word) => _personDeterminers.Contains(word);

    /// <summary>"is", "aged": words between a person and their age ("mum is 81").</summary>
    public bool IsAgeLeadIn(string word) => _ageLeadIns.Contains(word);

    /// <summary>"out", "days": words after a number that make it a score, a time or a count, not an age ("2 out of 10").</summary>
    public bool IsNotAnAgeAfter(string word) => _notAnAgeAfter.Contains(word);

    /// <summary>"I'm", "am": words before the writer's own age ("I'm 41").</summary>
    public bool IsSelfAgeLeadIn(string word) => _selfAgeLeadIns.Contains(word);

    /// <summary>"year", "yo": after "my" and a number, a child named by their age ("my 12 year old").</summary>
    public bool IsChildAgeWord(string word) => _childAgeWords.Contains(word);

    /// <summary>Verbs of doing something to someone ("lifting", "pick_up"), as word sequences, read before a person word.</summary>
    public string[][] ActingOnSomeone { get; }

    /// <summary>"said", "wants": after a person, they pass on advice ("my sister said to fill it in"), which does not make them the patient.</summary>
    public bool IsMessengerVerb(string word) => _messengerVerbs.Contains(word);

    /// <summary>"says", "reports": after a person who is not the patient, what follows is told of the patient by them ("Husband says hot & cold, temp 38.3").</summary>
    public bool IsReportingVerb(string word) => _reportingVerbs.Contains(word);

    /// <summary>True for a word that starts what is said of the person before it ("who", "whose").</summary>
    public bool IsRelativeWord(string word) => _relativeWords.Contains(word);

    /// <summary>"woman", "boy", "patient": a person named by kind, who is anyone until "my" or "our" makes them someone's.</summary>
    public bool IsByKindOnly(string word) => _byKindOnly.Contains(word);

    private static HashSet<string> Set(JsonElement people, string name) =>
        new(people.GetProperty(name).EnumerateArray().Select(w => w.GetString()!), StringComparer.Ordinal);

    private void Add(JsonElement people, string group, PersonGender gender)
    {
        foreach (var word in people.GetProperty(group).EnumerateArray())
        {
            _gender[word.GetString()!] = gender;
        }
    }
}
