using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Plans;
using BackCare.Clinical.Risk;
using BackCare.Clinical.Triage;
using BackCare.Web.Text;

namespace BackCare.Web.Check;

/// <summary>A source of the clinical brief as a person sees it: a few words, the full name, and its place in the source list.</summary>
public sealed record SourceRef(string Key, string ShortName, string Name)
{
    public string Href => CheckLinks.Source(Key);

    /// <summary>A source key of the clinical brief put in words: its short name and its full name.</summary>
    public static SourceRef Of(string key, ResultText words, SiteText site)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(site);
        return new SourceRef(key, words.ShortName(key), site.Source(key));
    }
}

/// <summary>One piece of advice or one reason, with the source it comes from. <see cref="Label"/> may be empty.</summary>
public sealed record AdviceItem(string Label, string Text, SourceRef Source);

public sealed record PlanDay(string Heading, IReadOnlyList<AdviceItem> Steps);

/// <summary>
/// A result put the way the result and plan pages show it. At the top, a short "do this now" card: today's steps, the
/// painkiller with its usual dose and limits and the checks that apply to this person, and when to get help, said once.
/// Then the rest of the plan by day, without what the card already says or what does not apply to this person now; then
/// the reasons, which on an emergency are only the emergency's own.
/// </summary>
public sealed class ResultView
{
    /// <summary>Plan steps the card says in fewer words (today's home care, the medicines, the signs to act on).</summary>
    private static readonly HashSet<string> InTheCard = new(StringComparer.Ordinal)
    {
        "book-appointment", "stay-active", "move-often", "cold-first", "heat", "positions",
        "medicine-nsaid", "medicine-nsaid-older", "medicine-topical-nsaid", "medicine-acetaminophen",
        "medicine-none-over-the-counter", "avoid-nsaid", "avoid-acetaminophen", "medicine-check-first", "safety-net-signs",
    };

    /// <summary>The check asks nothing about leg cramps at night, so the advice for them is left out rather than guessed.</summary>
    private const string CrampsStep = "fluids-and-cramps";

    private const string ScreenAgainStep = "risk-screen-again";

    /// <summary>Adult doses are on the packs; below this age a pharmacist gives the dose (OTC-LABEL).</summary>
    private const int AdultDoseAge = 16;

    private static readonly HashSet<MedicationClass> OverTheCounter = [MedicationClass.Nsaid, MedicationClass.TopicalNsaid, MedicationClass.Acetaminophen];

    private readonly SiteText _site;
    private readonly ResultText _words;

    public ResultView(AssessmentResult result, int? age, SiteText text, string emergencyNumber, RiskGroup? risk = null)
        : this(result, age, text, ResultText.English, emergencyNumber, risk)
    {
    }

    private ResultView(AssessmentResult result, int? age, SiteText text, ResultText words, string emergencyNumber, RiskGroup? risk)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        _site = text;
        _words = words;
        Result = result;
        Disposition = result.Disposition;
        WireName = result.Disposition.WireName();
        Text = text.For(result.Disposition);
        EmergencyNumber = emergencyNumber;
        EmergencyCall = text.EmergencyCall(emergencyNumber);
        EmergencyNote = text.EmergencyNote;

        var cardRules = MedicineSafety.Rules.Where(r => r.Avoids.Count == 0 || r.Avoids.Any(OverTheCounter.Contains)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        WhenToWorry = result.Reasons.Where(r => r.Rule == TriageRules.SafetyNetRuleId).Select(r => Item("", r.Text, r.Source)).FirstOrDefault();
        Reasons = [.. result.Reasons
            .Where(r => r.Rule != TriageRules.SafetyNetRuleId && !(result.Plan is not null && cardRules.Contains(r.Rule)))
            .Where(r => !IsEmergency || IsEmergencyRule(r.Rule))
            .Select(r => Item("", r.Text, r.Source))];

        if (result.Plan is not null && age is { } years && result.Findings is { } findings)
        {
            var medicines = PlanBuilder.ChooseMedicines(years, findings, Disposition);
            var schedule = PlanBuilder.Schedule(new PlanContext(years, findings, Disposition, risk), medicines);
            DoNow = [.. TodaySteps(schedule)];
            var (primary, more) = MedicineSteps(years, medicines, result.Reasons.Where(r => cardRules.Contains(r.Rule)));
            Medicine = primary;
            Days = [.. schedule
                .Where(s => !InTheCard.Contains(s.Id) && s.Id != CrampsStep && !(s.Id == ScreenAgainStep && risk is null))
                .GroupBy(s => s.Day)
                .OrderBy(g => g.Key)
                .Select(g => new PlanDay(text.Day(g.Key), [.. (g.Key == 0 ? more : []), .. g.Select(s => Item("", s.Step.Text, s.Step.Source))]))];
        }
        else
        {
            // Without a plan the card says what to do now in the disposition's words (CKS-RF: how fast to act).
            DoNow = [Item("", Text.Now, "CKS-RF")];
        }

        Sources = [.. DoNow.Concat(Medicine).Append(WhenToWorry).Concat(Days.SelectMany(d => d.Steps)).Concat(Reasons)
            .OfType<AdviceItem>()
            .Select(a => a.Source)
            .DistinctBy(s => s.Key)];
    }

    public AssessmentResult Result { get; }

    public Disposition Disposition { get; }

    public string WireName { get; }

    public DispositionText Text { get; }

    public ResultText Words => _words;

    public string EmergencyNumber { get; }

    public string EmergencyCall { get; }

    public string EmergencyNote { get; }

    public bool IsEmergency => Disposition == Disposition.Emergency;

    public bool HasPlan => Days.Count > 0 || Medicine.Count > 0;

    public string CardTitle => _words["card_title"];

    /// <summary>What to do today, in a few short steps.</summary>
    public IReadOnlyList<AdviceItem> DoNow { get; }

    /// <summary>The painkiller to consider with its usual dose and limits, and the checks that apply to this person.</summary>
    public IReadOnlyList<AdviceItem> Medicine { get; } = [];

    /// <summary>The signs that should bring the person back sooner: the result's safety net, said once.</summary>
    public AdviceItem? WhenToWorry { get; }

    public IReadOnlyList<AdviceItem> Reasons { get; }

    /// <summary>The plan after today's card, by the day each step starts.</summary>
    public IReadOnlyList<PlanDay> Days { get; } = [];

    public IReadOnlyList<SourceRef> Sources { get; }

    /// <summary>The result of a check; before age is asked, the emergency the answers already show, with its own reasons only.</summary>
    public static ResultView For(CheckState state, SiteText text, string emergencyNumber)
    {
        ArgumentNullException.ThrowIfNull(state);
        var result = state.Age is { } age
            ? Assessor.Assess(age, state.Findings)
            : EmergencyAtOnce.From(state.Findings) ?? throw new InvalidOperationException("A check without an age has a result only in an emergency.");
        return new ResultView(result, state.Age, text, emergencyNumber);
    }

    private static bool IsEmergencyRule(string ruleId) =>
        TriageRules.All.Any(rule => rule.Id == ruleId && rule.Disposition == Disposition.Emergency);

    private IEnumerable<AdviceItem> TodaySteps(IReadOnlyList<ScheduledStep> schedule)
    {
        var ids = schedule.Where(s => s.Day == 0).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Contains("book-appointment"))
        {
            yield return Advice("book");
        }

        yield return Advice("move");
        yield return Advice(ids.Contains("cold-first") ? "cold_then_heat" : "heat");
        yield return Advice("position");
    }

    /// <summary>
    /// The card's medicine: one painkiller with its usual dose and limits (or why there is none), the checks that apply
    /// to this person, and to ask a pharmacist. The other choices go to today's fold of the plan.
    /// </summary>
    private (List<AdviceItem> Card, List<AdviceItem> More) MedicineSteps(int age, MedicinePlan medicines, IEnumerable<Reason> checks)
    {
        List<AdviceItem> card = [];
        List<AdviceItem> more = [];
        var adult = age >= AdultDoseAge;
        if (!medicines.Suggested.Any(OverTheCounter.Contains))
        {
            card.Add(Advice("none_otc"));
        }
        else if (!adult)
        {
            card.Add(Advice("under_16"));
        }
        else if (medicines.Suggests(MedicationClass.Nsaid))
        {
            card.Add(Advice("ibuprofen"));
        }
        else if (medicines.Suggests(MedicationClass.Acetaminophen))
        {
            card.Add(Advice("acetaminophen"));
        }

        card.AddRange(checks.Select(check => Item("", check.Text, check.Source)));
        card.Add(Advice("check_first"));

        if (medicines.Suggests(MedicationClass.Nsaid))
        {
            more.Add(Advice("nsaid_first"));
            if (adult)
            {
                more.Add(Advice("naproxen"));
            }
        }

        if (medicines.Suggests(MedicationClass.Acetaminophen))
        {
            more.Add(Advice("acetaminophen_why"));
        }

        if (medicines.Suggests(MedicationClass.TopicalNsaid) && adult)
        {
            more.Add(Advice("gel"));
        }

        return (card, more);
    }

    private AdviceItem Advice(string key)
    {
        var advice = _words.Advice(key);
        return Item(advice.Label, advice.Text, advice.Source);
    }

    private AdviceItem Item(string label, string body, string source) =>
        new(label, body, SourceRef.Of(source, _words, _site));
}
