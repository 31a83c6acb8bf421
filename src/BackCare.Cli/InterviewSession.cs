using System.Globalization;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare interview</c>: the assessment as a conversation in the terminal, one plain question at a
/// time, red flags first, then the result and the plan printed for reading.
/// </summary>
internal sealed class InterviewSession(TextReader input, TextWriter output)
{
    private readonly FindingSet _findings = new();

    public int Run()
    {
        output.WriteLine("BackCare: questions about your back pain.");
        output.WriteLine("This does not diagnose anything. If you feel very unwell, call your emergency number now.");
        output.WriteLine("Answer each question and press Enter. Type q to stop.");
        output.WriteLine();

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
        while (InterviewFlow.Next((int)age.Value, personSex, _findings) is { } question)
        {
            if (!Ask(question.Definition))
            {
                return Stopped();
            }
        }

        var result = Assessor.Assess((int)age.Value, _findings);
        output.WriteLine();
        ResultPrinter.Print(result, output);
        return 0;
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
