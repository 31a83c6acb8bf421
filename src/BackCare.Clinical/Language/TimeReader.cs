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
internal readonly record struct TimeExpression(int Start, int End, double Days, TimeKind Kind)
{
    /// <summary>How many tokens lie between this time and the words from <paramref name="start"/> to <paramref name="end"/>; 0 when they overlap.</summary>
    public int DistanceTo(int start, int end) => end <= Start ? Start - end : start >= End ? start - End : 0;
}

/// <summary>
/// Reads times out of tokens, relative to the moment the text was written: "this morning" and "today"
/// are 0 days, "yesterday" 1, "a week" 7, "a fortnight" 14, "a month" 30, "a year" 365; numbers may be
/// digits or words ("three weeks"), and "a couple", "a few" and "several" are 2, 3 and 4. The kinds of
/// time are the grammar here; the words that say each come from the "words" section of the lexicon
/// (<see cref="NarrativeWords"/>).
/// </summary>
internal static class TimeReader
{
    private static readonly NarrativeWords Words = NarrativeWords.Default;

    // A time this many days back or more, said as a point ("last year"), is a calendar year gone by: history.
    private const double CalendarYear = 365;

    // How many days back a year said as a number ("in 2019") is taken to be: long enough to be history.
    private const double YearGoneBy = 1000;

    // Every word a time can begin with, whatever its kind: a token that is none of them and no number is passed
    // over with one look-up instead of one for each kind of time.
    private static readonly HashSet<string> StartWords = new(
        Words.SinceWords.Concat(Words.PreviousWords).Concat(Words.RelativeDays.SelectMany(d => d.Words))
            .Concat(Words.DaysBefore.SelectMany(d => d.Words)).Concat(Words.RecentPeriods.Keys).Concat(Words.SpanLeadIns)
            .Concat(Words.WithinWords).Concat(Words.CalendarYearLeadIns).Concat(Words.VagueSpansAgo).Concat(Words.TimeQualifiers)
            .Concat(Words.MoreThan).Concat(Words.IndefiniteArticles).Concat(Words.VagueCounts.Keys).Concat(Words.HalfWords)
            .Concat(Words.DayCounts.Keys),
        StringComparer.Ordinal);

    public static void FindAll(ReadOnlySpan<Token> tokens, List<TimeExpression> found)
    {
        var i = 0;
        while (i < tokens.Length)
        {
            if (!tokens[i].IsNumber && !StartWords.Contains(tokens[i].Text))
            {
                i++;
                continue;
            }

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
        var since = Words.SinceWords.Contains(word);
        var previous = Words.PreviousWords.Contains(word);
        time = default;
        if ((since || previous) && SeasonAt(tokens, i + 1) is { } season)
        {
            // "since last summer", "since Christmas": no calendar to hand, so a cautious span of months.
            time = new TimeExpression(i, season.End, season.Days, since ? TimeKind.Since : TimeKind.Point);
            return true;
        }

        if (Words.MonthLeadIns.Contains(word) && MonthAt(tokens, i + 1) is { } month
            && !(i > 0 && Words.WithinFutureBefore.Contains(tokens[i - 1].Text)))
        {
            // "had a fever in January": a time gone by, how long ago unknown without a calendar, so counted as long ago.
            time = new TimeExpression(i, month.End, month.Days, TimeKind.Ago);
            return true;
        }

        if (since)
        {
            return TryReadSince(tokens, i, out time);
        }

        if (RelativeDayAt(tokens, i) is { } day)
        {
            time = new TimeExpression(day.Start, day.End, day.Days, TimeKind.Point);
            return true;
        }

        if (previous && Next(tokens, i) is { } period && Words.PreviousPeriods.TryGetValue(period, out var back))
        {
            // "last night", "last week"; "last year" is history.
            time = new TimeExpression(i, i + 2, back, back >= CalendarYear ? TimeKind.Year : TimeKind.Point);
            return true;
        }

        if (Words.RecentPeriods.TryGetValue(word, out var recent) && i > 0 && Words.RecentPeriodLeadIns.Contains(tokens[i - 1].Text))
        {
            // "over the weekend"
            time = new TimeExpression(i - 1, i + 1, recent, TimeKind.Point);
            return true;
        }

        if (Words.SpanLeadIns.Contains(word) || Words.WithinWords.Contains(word))
        {
            return TryReadSpan(tokens, i, out time);
        }

        if (Words.CalendarYearLeadIns.Contains(word) && i + 1 < tokens.Length && IsYear(tokens[i + 1]))
        {
            time = new TimeExpression(i, i + 2, YearGoneBy, TimeKind.Year);
            return true;
        }

        if (Words.VagueSpansAgo.Contains(word) && Next(tokens, i) is { } ago && Words.AgoWords.Contains(ago))
        {
            // "years ago", "months ago": long ago, no number said.
            time = new TimeExpression(i, i + 2, Words.VagueSpans[word], TimeKind.Ago);
            return true;
        }

        if (TryReadClinicalFraction(tokens, i, out time) || TryReadDayCount(tokens, i, out time))
        {
            return true;
        }

        return TryReadQuantity(tokens, i, bare: true, out time);
    }

    /// <summary>
    /// "LBP 2/52", "sciatica x 3/7", "6/12 ago": a clinician's length, so many of the unit under the line (weeks of 52,
    /// days of 7, months of 12). Not a date ("on 3/7", "3/7/2026"), and the number above is whole and under the one below.
    /// </summary>
    private static bool TryReadClinicalFraction(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        time = default;
        if (i + 2 >= tokens.Length || tokens[i + 1].Text != "/" || !tokens[i + 2].IsNumber
            || !Words.ClinicalFractions.TryGetValue(tokens[i + 2].Text, out var unit))
        {
            return false;
        }

        var count = tokens[i].Number;
        if (count != Math.Floor(count) || count < 1 || count >= tokens[i + 2].Number
            || (i + 3 < tokens.Length && tokens[i + 3].Text == "/") || (i > 0 && Words.DateLeadIns.Contains(tokens[i - 1].Text)))
        {
            return false;
        }

        var ago = i + 3 < tokens.Length && Words.AgoWords.Contains(tokens[i + 3].Text);
        time = new TimeExpression(i, ago ? i + 4 : i + 3, count * unit, ago ? TimeKind.Ago : TimeKind.Duration);
        return true;
    }

    /// <summary>
    /// "Day 9 of this", "it's week three": the days so far, counted by the day or the week it is now. Not a day
    /// named in passing ("the same as day one", "on day 5 I saw the physio").
    /// </summary>
    private static bool TryReadDayCount(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        time = default;
        if (!Words.DayCounts.TryGetValue(tokens[i].Text, out var unit) || i + 1 >= tokens.Length || !tokens[i + 1].IsNumber
            || tokens[i + 1].Sentence != tokens[i].Sentence)
        {
            return false;
        }

        var count = tokens[i + 1].Number;
        var ledIn = i > 0 && tokens[i - 1].Sentence == tokens[i].Sentence && Words.DayCountLeadIns.Contains(tokens[i - 1].Text);
        var followed = i + 2 < tokens.Length && tokens[i + 2].Sentence == tokens[i].Sentence && Words.DayCountAfter.Contains(tokens[i + 2].Text);
        if (count != Math.Floor(count) || count < 1 || count > 400 || !(ledIn || followed))
        {
            return false;
        }

        time = new TimeExpression(ledIn ? i - 1 : i, i + 2, count * unit, TimeKind.Duration);
        return true;
    }

    /// <summary>"since yesterday", "since this morning", "since last year": from then until now.</summary>
    private static bool TryReadSince(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        if (Next(tokens, i) is { } next && Words.PreviousWords.Contains(next) && i + 2 < tokens.Length
            && Words.PreviousPeriods.TryGetValue(tokens[i + 2].Text, out var back) && back >= CalendarYear)
        {
            // "last year" alone is history; "since last year" is how long it has gone on.
            time = new TimeExpression(i, i + 3, back, TimeKind.Since);
            return true;
        }

        if (i + 1 < tokens.Length && TryRead(tokens, i + 1, out var inner) && inner.Kind != TimeKind.Year)
        {
            time = new TimeExpression(i, inner.End, inner.Days, TimeKind.Since);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>
    /// A day named from today at <paramref name="i"/> ("today", "this morning", "yesterday"), with the words
    /// before it that count it further back ("the day before yesterday"), or null.
    /// </summary>
    private static (int Start, int End, double Days)? RelativeDayAt(ReadOnlySpan<Token> tokens, int i)
    {
        foreach (var (words, days) in Words.RelativeDays)
        {
            if (!TextOrder.Spells(tokens, i, words, tokens[i].Sentence))
            {
                continue;
            }

            if (words.Length == 1)
            {
                foreach (var (before, daysBefore) in Words.DaysBefore)
                {
                    var start = i - before.Length + 1;
                    if (start >= 0 && before[^1] == words[0] && TextOrder.Spells(tokens, start, before))
                    {
                        return (start, i + 1, daysBefore);
                    }
                }
            }

            return (i, i + words.Length, days);
        }

        return null;
    }

    /// <summary>"for three weeks", "for the past 2 days", "over the last month", "for years".</summary>
    private static bool TryReadSpan(ReadOnlySpan<Token> tokens, int i, out TimeExpression time)
    {
        time = default;
        var j = i + 1;
        if (i > 0 && tokens[i - 1].Sentence == tokens[i].Sentence && Words.ActivitySpans.Contains(tokens[i - 1].Text))
        {
            // "worse when I've been sat for ages": how long the sitting went on, not the pain.
            return false;
        }

        if (Words.WithinWords.Contains(tokens[i].Text) && (j >= tokens.Length || !IsSpanFiller(tokens[j].Text)))
        {
            if (j < tokens.Length && IsYear(tokens[j]))
            {
                time = new TimeExpression(i, j + 1, YearGoneBy, TimeKind.Year);
                return true;
            }

            // "no change in a week" is a length; "in a week's time", "see you in 2 days" is the future.
            if (TryReadQuantity(tokens, j, bare: false, out var within) && within.Start == j && within.Kind == TimeKind.Duration
                && (within.End >= tokens.Length || !Words.WithinFutureAfter.Contains(tokens[within.End].Text)) && i > 0
                && !Words.WithinFutureBefore.Contains(tokens[i - 1].Text))
            {
                time = within with { Start = i };
                return true;
            }

            return false;
        }

        while (j < tokens.Length && IsSpanFiller(tokens[j].Text))
        {
            j++;
        }

        // "for the last year", "over the past week": one unit.
        if (j > i + 1 && j < tokens.Length && tokens[j].Sentence == tokens[i].Sentence && Words.SpanUnitsAlone.Contains(tokens[j].Text)
            && Words.SpanRecent.Contains(tokens[j - 1].Text))
        {
            time = new TimeExpression(i, j + 1, Words.TimeUnits[tokens[j].Text], TimeKind.Duration);
            return true;
        }

        if (j < tokens.Length && Words.VagueSpans.TryGetValue(tokens[j].Text, out var vague) && tokens[j].Sentence == tokens[i].Sentence)
        {
            var ago = j + 1 < tokens.Length && Words.AgoWords.Contains(tokens[j + 1].Text);
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

    /// <summary>"the", "past", "last": words between a span's lead-in and its length ("for the past 2 days").</summary>
    private static bool IsSpanFiller(string word) => Words.SpanArticles.Contains(word) || Words.SpanRecent.Contains(word);

    /// <summary>A number that can only be a calendar year ("2019").</summary>
    private static bool IsYear(Token token) => token.IsNumber && token.Number is >= 1950 and <= 2100;

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
        var word = tokens[j].Text;
        if (Words.IndefiniteArticles.Contains(word))
        {
            spelled = false;
            j++;
            amount = 1;
            if (j < tokens.Length && Words.VagueCounts.TryGetValue(tokens[j].Text, out var count) && !Words.VagueCountsWithoutArticle.Contains(tokens[j].Text))
            {
                // "a couple of days", "a few weeks"
                amount = count;
                spelled = true;
                j++;
                if (j < tokens.Length && Words.CountOf.Contains(tokens[j].Text))
                {
                    j++;
                }
            }
            else if (j < tokens.Length && Words.HalfWords.Contains(tokens[j].Text))
            {
                amount = 0.5;
                j++;
            }
        }
        else if (Words.VagueCounts.TryGetValue(word, out var count))
        {
            // "couple of days", "several weeks"
            amount = count;
            j++;
            if (j < tokens.Length && Words.CountOf.Contains(tokens[j].Text))
            {
                j++;
            }
        }
        else if (Words.HalfWords.Contains(word) && j + 1 < tokens.Length && Words.IndefiniteArticles.Contains(tokens[j + 1].Text))
        {
            // "half a day"
            amount = 0.5;
            j += 2;
        }
        else
        {
            if (!tokens[j].IsNumber || tokens[j].Number is < 0 or > 500)
            {
                return false;
            }

            amount = tokens[j].Number;
            j++;
            // "2 or 3 days", "2-3 days", "two to three weeks": the larger.
            if (j + 1 < tokens.Length && (tokens[j].Text == "-" || Words.RangeWords.Contains(tokens[j].Text)) && tokens[j + 1].IsNumber)
            {
                amount = Math.Max(amount, tokens[j + 1].Number);
                j += 2;
            }

            // "three and a half weeks"
            if (j + 2 < tokens.Length && Words.AndWords.Contains(tokens[j].Text) && Words.IndefiniteArticles.Contains(tokens[j + 1].Text)
                && Words.HalfWords.Contains(tokens[j + 2].Text))
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
        }

        if (j >= tokens.Length || !Words.TimeUnits.TryGetValue(tokens[j].Text, out var unit) || tokens[j].Sentence != sentence)
        {
            return false;
        }

        var end = j + 1;
        if (end + 1 < tokens.Length && tokens[end + 1].Sentence == sentence && tokens[end].Clause == tokens[j].Clause
            && Words.RateWords.Contains(tokens[end].Text) && Words.RatePeriods.Contains(tokens[end + 1].Text))
        {
            // "eight hours a day at a laptop", "3 times per week": a rate.
            return false;
        }

        var isAgo = end < tokens.Length && (Words.AgoWords.Contains(tokens[end].Text) || Words.AgoAfterALength.Contains(tokens[end].Text))
            && tokens[end].Sentence == sentence;
        if (isAgo)
        {
            end++;
        }
        else if (bare)
        {
            // A bare quantity ("3 days of pain") must be spelled out and not say an age, a pregnancy or a rate.
            var before = i > 0 ? tokens[i - 1].Text : string.Empty;

            // The word before any qualifier too: "third time in about four years" is not a length of four years.
            var b = i - 1;
            while (b > 0 && Words.TimeQualifiers.Contains(tokens[b].Text))
            {
                b--;
            }

            var beforeQualifiers = b >= 0 ? tokens[b].Text : string.Empty;
            var after = end < tokens.Length ? tokens[end].Text : string.Empty;
            // "a week since I twisted it", "bothering me a month": a length said without "for".
            var saidAsLength = !spelled && (Words.BareSpanBefore.Contains(before) || TextOrder.SequenceAt(tokens, end, Words.BareSpanAfter) > 0);
            if (unit >= CalendarYear && (Words.AgeBeforeYears.Contains(before) || before is "(" or ","
                && i > 1 && Words.AgeBeforeYears.Contains(tokens[i - 2].Text)))
            {
                // "I have 29 years", "my son 9 years", "Dada ji (88 years)": an age said as many languages say it.
                return false;
            }

            if ((!spelled && !saidAsLength) || Words.NotATimeBefore.Contains(before) || Words.NotATimeBefore.Contains(beforeQualifiers)
                || IsDose(before)
                || Words.NotATimeAfter.Contains(after)
                || Words.UnitsNeverBare.Contains(tokens[j].Text))
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

    /// <summary>"10mg", "2 tablets", "mg": a dose, so the "a day" after it is how often, not how long ("10mg a day since 2019").</summary>
    private static bool IsDose(string word)
    {
        foreach (var unit in Words.DoseUnits)
        {
            if (word.EndsWith(unit, StringComparison.Ordinal)
                && (word.Length == unit.Length || char.IsAsciiDigit(word[word.Length - unit.Length - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A season or holiday at <paramref name="i"/> ("last summer", "Christmas"), with where it ends.</summary>
    private static (int End, double Days)? SeasonAt(ReadOnlySpan<Token> tokens, int i)
    {
        if (i < tokens.Length && Words.PreviousWords.Contains(tokens[i].Text))
        {
            i++;
        }

        return i < tokens.Length && Words.Seasons.TryGetValue(tokens[i].Text, out var days) ? (i + 1, days) : MonthAt(tokens, i);
    }

    /// <summary>A month at <paramref name="i"/> ("March"), in the sentence of the word before it, with where it ends.</summary>
    private static (int End, double Days)? MonthAt(ReadOnlySpan<Token> tokens, int i) =>
        i > 0 && i < tokens.Length && tokens[i].Sentence == tokens[i - 1].Sentence && Words.Months.TryGetValue(tokens[i].Text, out var days)
            ? (i + 1, days)
            : null;

    private static string? Next(ReadOnlySpan<Token> tokens, int i) =>
        i + 1 < tokens.Length && tokens[i + 1].Sentence == tokens[i].Sentence ? tokens[i + 1].Text : null;
}
