namespace BackCare.Clinical.Language;

/// <summary>How a time was said: "for three weeks", "ten days ago", "since yesterday", "this morning".</summary>
internal enum TimeKind
{
    /// <summary>How long something has gone on: "for three weeks", "the last two days", "five months".</summary>
    Duration,

    /// <summary>When something happened, counted back: "ten days ago", "years ago".</summary>
    Ago,

    /// <summary>A named day or part of one: "yesterday", "this morning", "last week".</summary>
    Point,

    /// <summary>"since yesterday", "since this morning": from then until now.</summary>
    Since,

    /// <summary>A calendar year ("in 2019"): long enough ago to be history.</summary>
    Year,
}

/// <summary>A time found in a narrative, in days back from when the narrative was written; tokens [Start, End).</summary>
internal readonly record struct TimeExpression(int Start, int End, double Days, TimeKind Kind);

/// <summary>
/// Reads times out of tokens, relative to the moment the text was written: "this morning" and "today"
/// are 0 days, "yesterday" 1, "a week" 7, "a fortnight" 14, "a month" 30, "a year" 365; numbers may be
/// digits or words ("three weeks"), and "a couple", "a few" and "several" are 2, 3 and 4.
/// </summary>
internal static class TimeReader
{
    private static readonly NarrativeWords Words = NarrativeWords.Default;

    public static void FindAll(ReadOnlySpan<Token> tokens, List<TimeExpression> found)
    {
        var i = 0;
        while (i < tokens.Length)
        {
            if (TryRead(tokens, i, out var time))
            {
                found.Add(time);
                i = time.End;
            }
            else
            {
                i++;
            }
        }
    }

    private static bool TryRead(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        var word = tokens[i].Text;
        time = default;
        switch (word)
        {
            case "since" or "last" when SeasonAt(tokens, i + 1) is { } season:
                // "since last summer", "since Christmas": no calendar to hand, so a cautious span of months.
                time = new TimeExpression(i, season.End, season.Days, word == "since" ? TimeKind.Since : TimeKind.Point);
                return true;

            case "since" when Next(tokens, i) == "last" && i + 2 < tokens.Length && tokens[i + 2].Text == "year":
                time = new TimeExpression(i, i + 3, 365, TimeKind.Since);
                return true;

            case "since":
                if (i + 1 < tokens.Length && TryRead(tokens, i + 1, out var inner) && inner.Kind != TimeKind.Year)
                {
                    time = new TimeExpression(i, inner.End, inner.Days, TimeKind.Since);
                    return true;
                }

                return false;

            case "yesterday":
                // "the day before yesterday"
                var twoDays = i >= 2 && tokens[i - 1].Text == "before" && tokens[i - 2].Text == "day";
                time = new TimeExpression(twoDays ? i - 2 : i, i + 1, twoDays ? 2 : 1, TimeKind.Point);
                return true;

            case "today" or "tonight" or "overnight":
                time = new TimeExpression(i, i + 1, 0, TimeKind.Point);
                return true;

            case "this" when Next(tokens, i) is "morning" or "afternoon" or "evening":
                time = new TimeExpression(i, i + 2, 0, TimeKind.Point);
                return true;

            case "last" when Next(tokens, i) is "night" or "week" or "month" or "year" or "weekend":
                var days = Next(tokens, i) switch { "night" => 1, "week" => 7, "month" => 30, "weekend" => 3, _ => 365 };
                time = new TimeExpression(i, i + 2, days, days >= 365 ? TimeKind.Year : TimeKind.Point);
                return true;

            case "weekend" when i > 0 && tokens[i - 1].Text is "the" or "over" or "at":
                time = new TimeExpression(i - 1, i + 1, 2, TimeKind.Point);
                return true;

            case "for" or "past" or "last" or "over" or "in" or "after":
                return TryReadSpan(tokens, i, out time);

            case "back" when i + 1 < tokens.Length && tokens[i + 1].IsNumber && tokens[i + 1].Number is >= 1950 and <= 2100:
                time = new TimeExpression(i, i + 2, 1000, TimeKind.Year);
                return true;

            case "years" or "months" or "weeks" or "ages" or "decades" when Next(tokens, i) == "ago":
                // "years ago", "months ago": long ago, no number said.
                time = new TimeExpression(i, i + 2, Words.VagueSpans[word], TimeKind.Ago);
                return true;

            default:
                return TryReadQuantity(tokens, i, bare: true, out time);
        }
    }

    /// <summary>"for three weeks", "for the past 2 days", "over the last month", "for years".</summary>
    private static bool TryReadSpan(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        time = default;
        var j = i + 1;
        if (tokens[i].Text == "in" && (j >= tokens.Length || tokens[j].Text is not ("the" or "last" or "past")))
        {
            if (j < tokens.Length && tokens[j].IsNumber && tokens[j].Number is >= 1950 and <= 2100)
            {
                time = new TimeExpression(i, j + 1, 1000, TimeKind.Year);
                return true;
            }

            // "no change in a week" is a length; "in a week's time", "see you in 2 days" is the future.
            if (TryReadQuantity(tokens, j, bare: false, out var within) && within.Start == j && within.Kind == TimeKind.Duration
                && (within.End >= tokens.Length || tokens[within.End].Text is not ("time" or "week's" or "or")) && i > 0
                && tokens[i - 1].Text is not ("again" or "back" or "you" or "there" or "return" or "appointment"))
            {
                time = within with { Start = i };
                return true;
            }

            return false;
        }

        while (j < tokens.Length && tokens[j].Text is "the" or "past" or "last")
        {
            j++;
        }

        // "for the last year", "over the past week": one unit.
        if (j > i + 1 && j < tokens.Length && tokens[j].Sentence == tokens[i].Sentence && tokens[j].Text is "year" or "week" or "month" or "day" or "fortnight"
            && tokens[j - 1].Text is "past" or "last")
        {
            time = new TimeExpression(i, j + 1, Words.TimeUnits[tokens[j].Text], TimeKind.Duration);
            return true;
        }

        if (j < tokens.Length && Words.VagueSpans.TryGetValue(tokens[j].Text, out var vague) && tokens[j].Sentence == tokens[i].Sentence)
        {
            var ago = j + 1 < tokens.Length && tokens[j + 1].Text == "ago";
            time = new TimeExpression(i, ago ? j + 2 : j + 1, vague, ago ? TimeKind.Ago : TimeKind.Duration);
            return true;
        }

        if (TryReadQuantity(tokens, j, bare: false, out var quantity) && quantity.Start == j)
        {
            time = quantity with { Start = i };
            return true;
        }

        return false;
    }

    /// <summary>"three weeks", "a couple of days", "over a month", "2 or 3 days", optionally followed by "ago".</summary>
    private static bool TryReadQuantity(ReadOnlySpan<Token> tokens, int i, bool bare, out TimeExpression time)
    {
        time = default;
        if (i >= tokens.Length)
        {
            return false;
        }

        var j = i;
        var more = false;
        var sentence = tokens[i].Sentence;
        while (j < tokens.Length && tokens[j].Sentence == sentence && (Words.TimeQualifiers.Contains(tokens[j].Text) || Words.MoreThan.Contains(tokens[j].Text)))
        {
            more |= Words.MoreThan.Contains(tokens[j].Text);
            j++;
        }

        if (j >= tokens.Length || tokens[j].Sentence != sentence)
        {
            return false;
        }

        double amount;
        var spelled = true;
        switch (tokens[j].Text)
        {
            case "a" or "an":
                spelled = false;
                j++;
                amount = 1;
                if (j < tokens.Length && tokens[j].Text is "couple" or "few")
                {
                    amount = tokens[j].Text == "couple" ? 2 : 3;
                    spelled = true;
                    j++;
                    if (j < tokens.Length && tokens[j].Text == "of")
                    {
                        j++;
                    }
                }
                else if (j < tokens.Length && tokens[j].Text == "half")
                {
                    amount = 0.5;
                    j++;
                }

                break;

            case "couple" or "few" or "several":
                amount = tokens[j].Text switch { "couple" => 2, "few" => 3, _ => 4 };
                j++;
                if (j < tokens.Length && tokens[j].Text == "of")
                {
                    j++;
                }

                break;

            case "half" when j + 1 < tokens.Length && tokens[j + 1].Text is "a" or "an":
                amount = 0.5;
                j += 2;
                break;

            default:
                if (!tokens[j].IsNumber || tokens[j].Number is < 0 or > 500)
                {
                    return false;
                }

                amount = tokens[j].Number;
                j++;
                // "2 or 3 days", "2-3 days", "two to three weeks": the larger.
                if (j + 1 < tokens.Length && tokens[j].Text is "or" or "-" or "to" && tokens[j + 1].IsNumber)
                {
                    amount = Math.Max(amount, tokens[j + 1].Number);
                    j += 2;
                }

                // "three and a half weeks"
                if (j + 2 < tokens.Length && tokens[j].Text == "and" && tokens[j + 1].Text is "a" or "an" && tokens[j + 2].Text == "half")
                {
                    amount += 0.5;
                    j += 3;
                }

                // "6+ months": more than six.
                while (j < tokens.Length && tokens[j].Text == "+")
                {
                    more = true;
                    j++;
                }

                break;
        }

        if (j >= tokens.Length || !Words.TimeUnits.TryGetValue(tokens[j].Text, out var unit) || tokens[j].Sentence != sentence)
        {
            return false;
        }

        var end = j + 1;
        var isAgo = end < tokens.Length && tokens[end].Text is "ago" or "back" && tokens[end].Sentence == sentence;
        if (isAgo)
        {
            end++;
        }
        else if (bare)
        {
            // A bare quantity ("3 days of pain") must be spelled out and not say an age, a pregnancy or a rate.
            var before = i > 0 ? tokens[i - 1].Text : string.Empty;
            var after = end < tokens.Length ? tokens[end].Text : string.Empty;
            // "a week since I twisted it", "bothering me a month": a length said without "for".
            var saidAsLength = !spelled && (Words.BareSpanBefore.Contains(before) || TextOrder.SequenceAt(tokens, end, Words.BareSpanAfter) > 0);
            if ((!spelled && !saidAsLength) || Words.NotATimeBefore.Contains(before) || Words.NotATimeAfter.Contains(after)
                || tokens[j].Text is "night" or "nights")
            {
                return false;
            }
        }

        // Hours and minutes as whole days gone by: "48 hours" is 2 days, "an hour ago" today.
        var days = unit < 1 ? Math.Floor(Math.Round(amount * unit, 2)) : amount * unit;
        if (more && unit >= 1)
        {
            days += 1;
        }

        time = new TimeExpression(i, end, days, isAgo ? TimeKind.Ago : TimeKind.Duration);
        return true;
    }

    /// <summary>A season or holiday at <paramref name="i"/> ("last summer", "Christmas"), with where it ends.</summary>
    private static (int End, double Days)? SeasonAt(ReadOnlySpan<Token> tokens, int i)
    {
        if (i < tokens.Length && tokens[i].Text == "last")
        {
            i++;
        }

        return i < tokens.Length && Words.Seasons.TryGetValue(tokens[i].Text, out var days) ? (i + 1, days) : null;
    }

    private static string? Next(ReadOnlySpan<Token> tokens, int i) =>
        i + 1 < tokens.Length && tokens[i + 1].Sentence == tokens[i].Sentence ? tokens[i + 1].Text : null;
}
