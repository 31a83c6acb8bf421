using System.Globalization;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Language.Identification;

namespace BackCare.Clinical.Language;

/// <summary>
/// Whether a narrative can be assessed on its own: never a disposition from words not understood (contract:
/// "Reading a narrative"). The assessor, and through it the command line and the API, and the web pages all ask
/// here, so they refuse the same texts with the same words (the words are in Content/en/narrative-check.json).
/// </summary>
public static class NarrativeCheck
{
    private static readonly Lazy<Messages> Text = new(() =>
    {
        var texts = ContentFiles.ReadStrings("BackCare.Clinical.Content.en.narrative-check.json");
        return new Messages(
            texts["too_long"].Replace("{max}", NarrativeLimits.MaxLength.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal),
            texts["other_language"],
            texts["unreadable"]);
    });

    /// <summary>What is wrong with the narrative before it is read (it is too long), or null.</summary>
    public static string? LengthProblem(string narrative)
    {
        ArgumentNullException.ThrowIfNull(narrative);
        return narrative.Length > NarrativeLimits.MaxLength ? Text.Value.TooLong : null;
    }

    /// <summary>
    /// Why the findings of <paramref name="reading"/> must not be assessed (the message follows the field name
    /// <c>narrative</c>), or null when they may: the text is too long, written in another language, noise, or
    /// nothing about back pain was read in it.
    /// </summary>
    public static string? Problem(string narrative, NarrativeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (LengthProblem(narrative) is { } tooLong)
        {
            return tooLong;
        }

        var language = LanguageIdentifier.Identify(narrative);
        if (language.IsOther)
        {
            return Text.Value.OtherLanguage.Replace("{language}", language.Name, StringComparison.Ordinal);
        }

        return language.IsNoise || !reading.AboutBackPain ? Text.Value.Unreadable : null;
    }

    private sealed record Messages(string TooLong, string OtherLanguage, string Unreadable);
}
