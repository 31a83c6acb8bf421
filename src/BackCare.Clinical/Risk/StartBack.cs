using System.Text.Json;

namespace BackCare.Clinical.Risk;

public enum RiskGroup
{
    Low,
    Medium,
    High,
}

/// <summary>How much the back pain has bothered the person over two weeks (the screen's ninth item).</summary>
public enum Bothersomeness
{
    NotAtAll,
    ALittle,
    Moderately,
    VeryMuch,
    Extremely,
}

/// <summary>The answers to the short risk screen: eight yes/no items and how bothersome the pain has been.</summary>
public sealed record StartBackAnswers(
    bool LegPain,
    bool NeckOrShoulderPain,
    bool OnlyShortWalks,
    bool SlowDressing,
    bool ActivityFeelsUnsafe,
    bool WorryingThoughts,
    bool PainFeelsTerrible,
    bool LostEnjoyment,
    Bothersomeness Bothersome);

public sealed record StartBackScore(int Total, int Subscale, RiskGroup Group)
{
    /// <summary>What the group means for the person, in plain words.</summary>
    public string Advice => StartBack.GroupAdvice(Group);
}

/// <summary>
/// The Keele STarT Back screen scored by its published rules (STARTBACK): one point for each "yes" of
/// items 1 to 8 and for "very much" or "extremely" on item 9; a total of 3 or less is low risk; 4 or more
/// is medium, unless items 5 to 9 (the subscale) score 4 or more, which is high.
/// </summary>
public static class StartBack
{
    public const string Source = "STARTBACK";

    private static readonly Lazy<JsonDocument> Content = new(() => ContentFiles.ReadDocument("BackCare.Clinical.Content.en.startback.json"));

    public static StartBackScore Score(StartBackAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var bothersome = answers.Bothersome >= Bothersomeness.VeryMuch ? 1 : 0;
        var subscale = Point(answers.ActivityFeelsUnsafe) + Point(answers.WorryingThoughts) + Point(answers.PainFeelsTerrible)
            + Point(answers.LostEnjoyment) + bothersome;
        var total = Point(answers.LegPain) + Point(answers.NeckOrShoulderPain) + Point(answers.OnlyShortWalks)
            + Point(answers.SlowDressing) + subscale;
        var group = total <= 3 ? RiskGroup.Low : subscale >= 4 ? RiskGroup.High : RiskGroup.Medium;
        return new StartBackScore(total, subscale, group);
    }

    /// <summary>The nine questions in order, as (id, text).</summary>
    public static IReadOnlyList<(string Id, string Text)> Questions =>
        Content.Value.RootElement.GetProperty("questions").EnumerateArray()
            .Select(q => (q.GetProperty("id").GetString()!, q.GetProperty("text").GetString()!))
            .ToArray();

    public static IReadOnlyList<string> BothersomeChoices =>
        Content.Value.RootElement.GetProperty("bothersome_choices").EnumerateArray().Select(c => c.GetString()!).ToArray();

    public static string GroupAdvice(RiskGroup group) =>
        Content.Value.RootElement.GetProperty("groups").GetProperty(group.ToString().ToLowerInvariant()).GetString()!;

    private static int Point(bool yes) => yes ? 1 : 0;
}
