using System.Globalization;

namespace BackCare.Web.Check;

/// <summary>What a typed answer to a number question says: a number, a vague amount ("a few"), or nothing readable.</summary>
public enum NumberReading
{
    Number,
    Vague,
    Unreadable,
}

/// <summary>
/// Reads the number in a person's own words: "45", "45 years", "45 years old", "3 times", "yesterday" (1 day),
/// "a week ago" (7 days), "two weeks" (14 days), "none" (0). Weeks and months count as days only for questions
/// answered in days. "A few", "some" or "several" are not guessed at: the person is asked for a number.
/// </summary>
public static class AnswerNumbers
{
    private static readonly Dictionary<string, double> Words = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["none"] = 0, ["no"] = 0, ["never"] = 0, ["a"] = 1, ["an"] = 1, ["one"] = 1, ["once"] = 1, ["two"] = 2,
        ["twice"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly string[] VagueWords =
        ["a few", "few", "some", "several", "many", "a lot", "lots", "a couple", "couple", "a while", "ages", "dunno", "don't know", "not sure", "unsure"];

    /// <summary>Units a number may carry, as how many days each is (1 for a unit that is not time).</summary>
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["year"] = 1, ["years"] = 1, ["yr"] = 1, ["yrs"] = 1, ["y"] = 1, ["day"] = 1, ["days"] = 1, ["d"] = 1,
        ["time"] = 1, ["times"] = 1, ["x"] = 1, ["episode"] = 1, ["episodes"] = 1,
        ["week"] = 7, ["weeks"] = 7, ["wk"] = 7, ["wks"] = 7, ["month"] = 30, ["months"] = 30,
    };

    public static NumberReading Read(string? answer, bool inDays, out double value)
    {
        value = 0;
        var text = Squash(answer);
        if (text.Length == 0)
        {
            return NumberReading.Unreadable;
        }

        if (inDays)
        {
            switch (text)
            {
                case "today" or "this morning" or "tonight" or "this evening" or "this afternoon" or "just now":
                    return Found(0, out value);
                case "yesterday" or "last night":
                    return Found(1, out value);
                case "last week":
                    return Found(7, out value);
                case "last month":
                    return Found(30, out value);
            }
        }

        if (VagueWords.Any(v => text == v || text.StartsWith(v + " ", StringComparison.Ordinal)))
        {
            return NumberReading.Vague;
        }

        var words = text.Split(' ').ToList();
        if (words.Count > 1 && words[^1] is "ago" or "old")
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 1 && words[0] is "about" or "around" or "roughly" or "maybe" or "approximately" or "nearly" or "almost")
        {
            words.RemoveAt(0);
        }

        var days = 1;
        if (words.Count > 1 && Units.TryGetValue(words[^1], out var unitDays))
        {
            days = unitDays;
            words.RemoveAt(words.Count - 1);
        }
        else if (words.Count == 1 && SplitGlued(words[0]) is { } glued)
        {
            // "45yrs", "3d", "2wks"
            (words[0], days) = glued;
        }

        var amount = string.Join(' ', words);
        if (!double.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && !TryWords(amount, out number))
        {
            return NumberReading.Unreadable;
        }

        if (days > 1 && !inDays)
        {
            return NumberReading.Unreadable;
        }

        return Found(number * days, out value);
    }

    private static NumberReading Found(double number, out double value)
    {
        value = number;
        return NumberReading.Number;
    }

    private static (string Amount, int Days)? SplitGlued(string word)
    {
        var digits = word.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        return digits > 0 && digits < word.Length && Units.TryGetValue(word[digits..], out var days) ? (word[..digits], days) : null;
    }

    /// <summary>"twenty five", "twenty-five" as 25.</summary>
    private static bool TryWords(string amount, out double number)
    {
        number = 0;
        foreach (var word in amount.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Words.TryGetValue(word, out var part))
            {
                return false;
            }

            number += part;
        }

        return true;
    }

    private static string Squash(string? answer) =>
        string.Join(' ', (answer ?? "").Trim().TrimEnd('.', '!').ToLowerInvariant().Replace('\u2019', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
