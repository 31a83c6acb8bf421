using System.Globalization;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Web.Text;

namespace BackCare.Web.Check;

public sealed record AnswerOption(string Value, string Label);

/// <summary>
/// One page of the check: the age, the sex, one finding of the interview, or a "tick all that apply"
/// group of yes/no findings, with how it is answered and how an answer is read back from the form.
/// </summary>
public sealed class CheckQuestion
{
    /// <summary>The largest number of days the form accepts; the contract has no upper bound.</summary>
    private const double MaxDays = 36500;

    /// <summary>The largest count the form accepts (earlier times like this): more is surely a slip of the keyboard.</summary>
    private const double MaxCount = 36500;

    private CheckQuestion(string key, string text, string label, string? hint, FindingDefinition? definition, IReadOnlyList<AnswerOption> options,
        double min, double max, bool whole, InterviewStep? group = null)
    {
        Group = group;
        Key = key;
        Text = text;
        Label = label;
        Hint = hint;
        Definition = definition;
        Options = options;
        Min = min;
        Max = max;
        Whole = whole;
    }

    public string Key { get; }

    public string Text { get; }

    public string Label { get; }

    public string? Hint { get; }

    public FindingDefinition? Definition { get; }

    /// <summary>The radio choices; empty for a question answered with a number.</summary>
    public IReadOnlyList<AnswerOption> Options { get; }

    public bool IsNumber => Options.Count == 0 && Group is null;

    /// <summary>The interview's group when this page is "tick all that apply"; its options are the findings shown.</summary>
    public InterviewStep? Group { get; }

    public bool IsGroup => Group is not null;

    /// <summary>
    /// The page for a key of the check: a group of the interview (its options depend on what is answered
    /// already, so it needs the state), or else <see cref="For(string, SiteText)"/>.
    /// </summary>
    public static CheckQuestion? For(string key, SiteText text, CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (InterviewFlow.Step(key) is not { IsGroup: true } group)
        {
            return For(key, text);
        }

        if (state.Age is not { } age)
        {
            return null;
        }

        var shown = group.Shown(age, state.Sex, state.Findings);
        if (shown.Count == 0)
        {
            return null;
        }

        AnswerOption[] options = [.. shown.Select(q => new AnswerOption(q.Definition.Key, q.OptionText))];
        return new CheckQuestion(key, group.Text, group.Label, text.Answer("group_hint"), null, options, 0, 0, false, group);
    }

    private static FindingCode CodeOf(string findingKey) =>
        FindingCatalog.TryGet(findingKey, out var definition) ? definition.Code : throw new KeyNotFoundException(findingKey);

    /// <summary>The options of a group that are ticked now (answered yes).</summary>
    public IReadOnlyList<string> TickedValues(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. Options.Where(o => state.Findings.ValueOf(CodeOf(o.Value)) is true).Select(o => o.Value)];
    }

    /// <summary>True when every option of a group is answered and none is yes: "None of these" was chosen.</summary>
    public bool NoneChosen(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Options.All(o => state.Findings.ValueOf(CodeOf(o.Value)) is false);
    }

    /// <summary>Stores a group's answer: ticked options are yes, the others no; or returns what is wrong with it.</summary>
    public string? TryAnswerGroup(IReadOnlyCollection<string> ticked, bool noneOfThese, CheckState state, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(ticked);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(text);
        var group = Group ?? throw new InvalidOperationException($"{Key} is not a group.");
        var codes = new List<FindingCode>();
        foreach (var key in ticked.Distinct(StringComparer.Ordinal))
        {
            if (Options.All(o => o.Value != key))
            {
                return text.Answer("group_not_an_option");
            }

            codes.Add(CodeOf(key));
        }

        var shown = Options.Select(o => CodeOf(o.Value)).ToList();
        return group.AnswerGroup(shown, codes, noneOfThese, state.Findings) switch
        {
            GroupAnswerProblem.None => null,
            GroupAnswerProblem.NothingChosen => text.Answer("group_nothing_chosen"),
            GroupAnswerProblem.NoneWithOthers => text.Answer("group_none_with_others"),
            _ => text.Answer("group_not_an_option"),
        };
    }

    public double Min { get; }

    public double Max { get; }

    public bool Whole { get; }

    /// <summary>True for a question answered in days, where "yesterday" or "a week ago" are numbers too.</summary>
    public bool InDays => IsNumber && Definition is { Kind: FindingKind.Number } && Key.EndsWith("_days", StringComparison.Ordinal);

    public static CheckQuestion? For(string key, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (key == CheckState.AgeKey)
        {
            return new CheckQuestion(key, text.Answer("age_question"), text.Answer("age_label"), text.Answer("age_hint"), null, [], 0, 120, true);
        }

        if (key == CheckState.SexKey)
        {
            AnswerOption[] options =
            [
                new("female", text.Answer("sex_female")),
                new("male", text.Answer("sex_male")),
                new("other", text.Answer("sex_other")),
                new("unsaid", text.Answer("sex_unsaid")),
            ];
            return new CheckQuestion(key, text.Answer("sex_question"), text.Answer("sex_label"), text.Answer("sex_hint"), null, options, 0, 0, false);
        }

        if (!FindingCatalog.TryGet(key, out var definition))
        {
            return null;
        }

        return definition.Kind switch
        {
            FindingKind.Boolean => new CheckQuestion(key, definition.Question, definition.Label, null, definition,
                [new("yes", text.Answer("yes")), new("no", text.Answer("no"))], 0, 0, false),
            FindingKind.Choice => new CheckQuestion(key, definition.Question, definition.Label, null, definition,
                [.. definition.Choices!.Select(c => new AnswerOption(c, ClinicalText.ChoiceLabel(key, c)))], 0, 0, false),
            _ => new CheckQuestion(key, definition.Question, definition.Label, null, definition, [],
                definition.Min, double.IsPositiveInfinity(definition.Max) ? MaxDays : definition.Max, definition.Kind == FindingKind.WholeNumber),
        };
    }

    /// <summary>The current answer in the form's terms (the value of a radio, or the number typed), or null.</summary>
    public string? CurrentValue(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Key == CheckState.AgeKey)
        {
            return state.Age?.ToString(CultureInfo.InvariantCulture);
        }

        if (Key == CheckState.SexKey)
        {
            return state.SexAnswered ? state.Sex?.WireName() ?? "unsaid" : null;
        }

        return state.Findings.ValueOf(Definition!.Code) switch
        {
            null => null,
            bool yes => yes ? "yes" : "no",
            string choice => choice,
            int whole => whole.ToString(CultureInfo.InvariantCulture),
            double number => number.ToString(CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    /// <summary>The current answer in plain words, for the "check your answers" page.</summary>
    public string? CurrentText(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Group is { } group)
        {
            if (state.Age is not { } age)
            {
                return null;
            }

            var answered = group.Applicable(age, state.Sex, state.Findings).Where(q => state.Findings.IsAnswered(q.Code)).ToList();
            if (answered.Count == 0)
            {
                return null;
            }

            var yes = answered.Where(q => state.Findings[q.Code]).Select(q => q.OptionText).ToList();
            return yes.Count == 0 ? InterviewText.NoneOfThese : string.Join("; ", yes);
        }

        var value = CurrentValue(state);
        if (value is null)
        {
            return null;
        }

        return Options.FirstOrDefault(o => o.Value == value)?.Label ?? value;
    }

    /// <summary>Stores the answer from the form in the state, or returns what is wrong with it.</summary>
    public string? TryAnswer(string? answer, CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        answer = answer?.Trim();
        var words = PageText.English;
        if (string.IsNullOrEmpty(answer))
        {
            return IsNumber ? words["number_empty"] : "Choose one answer.";
        }

        if (IsNumber)
        {
            switch (AnswerNumbers.Read(answer, InDays, out var number))
            {
                case NumberReading.Vague:
                    return words["number_vague"];
                case NumberReading.Unreadable:
                    return words.Format("number_unclear", answer.Length > 40 ? answer[..40] + "..." : answer);
            }

            if (number < Min)
            {
                return words["number_negative"];
            }

            if (Whole && number != Math.Floor(number))
            {
                return words["number_whole"];
            }

            if (number > Math.Min(Max, MaxCount))
            {
                return words[Key switch
                {
                    CheckState.AgeKey => "age_too_big",
                    "pain_score" => "pain_too_big",
                    _ when InDays => "days_too_many",
                    _ => "number_too_big",
                }];
            }

            if (Key == CheckState.AgeKey)
            {
                state.Age = (int)number;
                return null;
            }

            return FindingReader.TrySetNumber(Definition!.Code, number, state.Findings);
        }

        if (Options.All(o => o.Value != answer))
        {
            return "Choose one of the answers.";
        }

        if (Key == CheckState.SexKey)
        {
            state.SexAnswered = true;
            state.Sex = FindingCatalog.TryParseChoice<Clinical.Findings.Sex>(FindingCatalog.SexValues, answer, out var sex) ? sex : null;
            return null;
        }

        if (Definition!.Kind == FindingKind.Boolean)
        {
            state.Findings.Set(Definition.Code, answer == "yes");
            return null;
        }

        return FindingReader.TrySetChoice(Definition.Code, answer, state.Findings) ? null : "Choose one of the answers.";
    }
}
