using System.Globalization;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Language;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare interview</c>: the assessment as a conversation in the terminal, one plain question at a
/// time, red flags first, then the result and the plan printed for reading. It starts with the person's own
/// words (or none): an emergency in them is printed at once, before age and sex are asked; otherwise what the
/// narrative reader understood is shown back to be corrected, and is not asked again.
/// </summary>
internal sealed class InterviewSession(TextReader input, TextWriter output, NarrativeReader? reader = null)
{
    private readonly FindingSet _findings = new();
    private readonly NarrativeReader _reader = reader ?? NarrativeReader.Default;

    public int Run()
    {
        output.WriteLine("BackCare: questions about your back pain.");
        output.WriteLine("This does not diagnose anything. If you feel very unwell, call your emergency number now.");
        output.WriteLine("Answer each question and press Enter. Type q to stop.");
        output.WriteLine();

        var start = StartInOwnWords();
        if (start is OwnWords.Stopped)
        {
            return Stopped();
        }

        if (start is OwnWords.Emergency)
        {
            return 0;
        }

        var age = AskNumber("How old are you?", 0, 120, whole: true);
        if (age is null)
        {
            return Stopped();
        }

        var sex = AskSex();
        if (sex is StopSignal)
        {
            return Stopped();
        }

        var personSex = sex as Sex?;

        // The questions the words left unasked come first (InterviewFlow.Next asks every finding that could
        // alone make it urgent or an emergency before anything else), so no result is printed before them.
        while (InterviewFlow.Next((int)age.Value, personSex, _findings) is { } step)
        {
            var answered = step.IsGroup
                ? AskGroup(step, step.Pending((int)age.Value, personSex, _findings))
                : Ask(step.Questions[0].Definition);
            if (!answered)
            {
                return Stopped();
            }
        }

        var result = Assessor.Assess((int)age.Value, _findings);
        output.WriteLine();
        ResultPrinter.Print(result, output);
        return 0;
    }

    private enum OwnWords
    {
        GoOn,
        Stopped,

        /// <summary>The words already make it an emergency, and the result has been printed.</summary>
        Emergency,
    }

    /// <summary>
    /// The free-text start: the person says what is going on in their own words, sees what was understood,
    /// and corrects it. What the words answered is not asked again; what they were unsure of is. When the
    /// words already make it an emergency, the emergency is printed at once, before anything else is asked.
    /// </summary>
    private OwnWords StartInOwnWords()
    {
        output.WriteLine("In your own words, tell us what is going on with your back: when it started, what set it off,");
        output.WriteLine("how bad it is, and anything else you have noticed. Or just press Enter to answer questions instead.");
        var text = ReadLine();
        if (text is null)
        {
            return OwnWords.Stopped;
        }

        if (text.Trim().Length == 0)
        {
            return OwnWords.GoOn;
        }

        var reading = _reader.Read(text);
        if (NarrativeCheck.Problem(text, reading) is { } problem)
        {
            output.WriteLine($"We could not use what you wrote: {problem}.");
            output.WriteLine();
            return OwnWords.GoOn;
        }

        // What was read as it stands, with an unsure "yes" counted as yes, as the assessment of a narrative counts it.
        if (EmergencyAtOnce.From(reading.Findings) is { } emergency)
        {
            output.WriteLine();
            ResultPrinter.Print(emergency, output);
            return OwnWords.Emergency;
        }

        var understood = reading.Evidence.ToList();
        if (understood.Count == 0)
        {
            output.WriteLine("We could not pick anything out of that, so we will ask you instead.");
            output.WriteLine();
            return OwnWords.GoOn;
        }

        foreach (var finding in understood)
        {
            Apply(finding);
        }

        var corrected = new bool[understood.Count];

        while (true)
        {
            output.WriteLine();
            output.WriteLine("Here is what we understood:");
            for (var i = 0; i < understood.Count; i++)
            {
                output.WriteLine($"  {i + 1}. {Describe(understood[i], corrected[i])}");
            }

            output.WriteLine("Is that right? Press Enter or type y if it is, or type the number of a line that is wrong.");
            var answer = ReadAnswer();
            switch (answer)
            {
                case null:
                    return OwnWords.Stopped;
                case "" or "y" or "yes":
                    output.WriteLine();
                    return OwnWords.GoOn;
                case "n" or "no":
                    output.WriteLine("Which line is wrong? Type its number.");
                    continue;
            }

            if (!int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line < 1 || line > understood.Count)
            {
                output.WriteLine($"Please type a number from 1 to {understood.Count}, or press Enter if it is all right.");
                continue;
            }

            var wrong = understood[line - 1];
            _findings.Clear(wrong.Code);
            if (!Ask(FindingCatalog.Get(wrong.Code)))
            {
                return OwnWords.Stopped;
            }

            understood[line - 1] = wrong with { Value = _findings.ValueOf(wrong.Code)!, Uncertain = false, Negated = false };
            corrected[line - 1] = true;
        }
    }

    /// <summary>Takes what was read; a finding the person was unsure of is left for the questions to ask.</summary>
    private void Apply(ReadFinding finding)
    {
        if (finding.Uncertain)
        {
            return;
        }

        switch (finding.Value)
        {
            case bool flag:
                _findings.Set(finding.Code, flag);
                break;
            case string choice:
                FindingReader.TrySetChoice(finding.Code, choice, _findings);
                break;
            case int number:
                FindingReader.TrySetNumber(finding.Code, number, _findings);
                break;
            case double number:
                FindingReader.TrySetNumber(finding.Code, number, _findings);
                break;
        }
    }

    private static string Describe(ReadFinding finding, bool corrected)
    {
        var definition = FindingCatalog.Get(finding.Code);
        var value = finding.Value switch
        {
            true => "yes",
            false => "no",
            string choice => ClinicalText.ChoiceLabel(definition.Key, choice),
            double number => number.ToString("0.#", CultureInfo.InvariantCulture),
            _ => Convert.ToString(finding.Value, CultureInfo.InvariantCulture),
        };
        var source = corrected ? "your answer" : $"from \"{finding.Words}\"";
        var doubt = finding.Uncertain ? " (you did not sound sure, so we will ask)" : string.Empty;
        return $"{definition.Label}: {value}   [{source}]{doubt}";
    }

    private string? ReadLine()
    {
        output.Write("> ");
        output.Flush();
        var line = input.ReadLine();
        return line is null || line.Trim().ToLowerInvariant() is "q" or "quit" ? null : line;
    }

    private int Stopped()
    {
        output.WriteLine();
        output.WriteLine("Stopped. Nothing was saved. If you are worried about your back, talk to a doctor or pharmacist.");
        return 1;
    }

    private object? AskSex()
    {
        while (true)
        {
            output.WriteLine("Are you female, male, or would you rather say other? (f / m / o, or Enter to skip)");
            var answer = ReadAnswer();
            switch (answer)
            {
                case null: return StopSignal.Instance;
                case "": return null;
                case "f" or "female": return Sex.Female;
                case "m" or "male": return Sex.Male;
                case "o" or "other": return Sex.Other;
                default: output.WriteLine("Please type f, m or o, or just press Enter."); break;
            }
        }
    }

    private bool Ask(FindingDefinition definition)
    {
        switch (definition.Kind)
        {
            case FindingKind.Boolean:
                var yes = AskYesNo(definition.Question);
                if (yes is null)
                {
                    return false;
                }

                _findings.Set(definition.Code, yes.Value);
                return true;

            case FindingKind.Choice:
                var choice = AskChoice(definition);
                return choice is not null && FindingReader.TrySetChoice(definition.Code, choice, _findings);

            default:
                var max = double.IsPositiveInfinity(definition.Max) ? 36500 : definition.Max;
                var number = AskNumber(definition.Question, definition.Min, max, definition.Kind == FindingKind.WholeNumber);
                return number is not null && FindingReader.TrySetNumber(definition.Code, number.Value, _findings) is null;
        }
    }

    /// <summary>
    /// A "tick all that apply" question as a numbered list: the person types the numbers that apply, or 0
    /// (or "none") for none of them. Every finding listed gets an answer; nothing typed is never read as no.
    /// </summary>
    private bool AskGroup(InterviewStep step, IReadOnlyList<InterviewQuestion> shown)
    {
        while (true)
        {
            output.WriteLine(step.Text);
            for (var i = 0; i < shown.Count; i++)
            {
                output.WriteLine($"  {i + 1}. {shown[i].OptionText}");
            }

            output.WriteLine($"  0. {InterviewText.NoneOfThese}");
            output.WriteLine("Type the numbers of all that apply, with spaces between them (for example: 1 3), or 0 for none of these.");
            var answer = ReadAnswer();
            if (answer is null)
            {
                return false;
            }

            if (ReadTicks(answer, shown) is { } choice
                && step.AnswerGroup([.. shown.Select(q => q.Code)], choice.Ticked, choice.None, _findings) == GroupAnswerProblem.None)
            {
                return true;
            }

            output.WriteLine($"Please type numbers from 1 to {shown.Count} for the ones that apply, or 0 if none of them do.");
        }
    }

    /// <summary>The findings picked by numbers such as "1 3" or "1,3", or none for "0"; null when the answer is not understood.</summary>
    private static (List<FindingCode> Ticked, bool None)? ReadTicks(string answer, IReadOnlyList<InterviewQuestion> shown)
    {
        if (answer is "0" or "none" or "n" or "no")
        {
            return ([], true);
        }

        var ticked = new List<FindingCode>();
        foreach (var part in answer.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > shown.Count)
            {
                return null;
            }

            if (!ticked.Contains(shown[number - 1].Code))
            {
                ticked.Add(shown[number - 1].Code);
            }
        }

        return ticked.Count == 0 ? null : (ticked, false);
    }

    private bool? AskYesNo(string question)
    {
        while (true)
        {
            output.WriteLine(question + " (y / n)");
            switch (ReadAnswer())
            {
                case null: return null;
                case "y" or "yes": return true;
                case "n" or "no": return false;
                default: output.WriteLine("Please type y for yes or n for no."); break;
            }
        }
    }

    private string? AskChoice(FindingDefinition definition)
    {
        var choices = definition.Choices!;
        while (true)
        {
            output.WriteLine(definition.Question);
            for (var i = 0; i < choices.Count; i++)
            {
                output.WriteLine($"  {i + 1}. {ClinicalText.ChoiceLabel(definition.Key, choices[i])}");
            }

            var answer = ReadAnswer();
            if (answer is null)
            {
                return null;
            }

            if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= choices.Count)
            {
                return choices[index - 1];
            }

            output.WriteLine($"Please type a number from 1 to {choices.Count}.");
        }
    }

    private double? AskNumber(string question, double min, double max, bool whole)
    {
        while (true)
        {
            output.WriteLine(question);
            var answer = ReadAnswer();
            if (answer is null)
            {
                return null;
            }

            if (double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= min && number <= max && (!whole || number == Math.Floor(number)))
            {
                return number;
            }

            output.WriteLine(whole
                ? $"Please type a whole number from {min} to {max}."
                : $"Please type a number from {min} to {max}.");
        }
    }

    /// <summary>The next answer, trimmed and lower-cased; null at the end of input or when the person types q.</summary>
    private string? ReadAnswer()
    {
        output.Write("> ");
        output.Flush();
        var line = input.ReadLine();
        if (line is null)
        {
            return null;
        }

        var answer = line.Trim().ToLowerInvariant();
        return answer is "q" or "quit" ? null : answer;
    }

    private sealed class StopSignal
    {
        public static readonly StopSignal Instance = new();
    }
}
