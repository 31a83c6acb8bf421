using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Cli;

/// <summary>Prints a result for a person to read in the terminal.</summary>
internal static class ResultPrinter
{
    public static void Print(AssessmentResult result, TextWriter output)
    {
        output.WriteLine(Headline(result.Disposition));
        output.WriteLine(new string('=', 60));
        if (result.RedFlags.Count > 0)
        {
            output.WriteLine("What raised our concern:");
            foreach (var flag in result.RedFlags)
            {
                output.WriteLine("  - " + FindingCatalog.Get(flag).Label);
            }

            output.WriteLine();
        }

        output.WriteLine("Why:");
        foreach (var reason in result.Reasons)
        {
            output.WriteLine($"  - {reason.Text} [{reason.Source}]");
        }

        if (result.Plan is { } plan)
        {
            output.WriteLine();
            output.WriteLine("Your plan:");
            foreach (var day in plan.Steps.GroupBy(s => s.Day))
            {
                output.WriteLine(day.Key == 0 ? "  Today:" : $"  From day {day.Key}:");
                foreach (var step in day)
                {
                    output.WriteLine($"    * {step.Text} [{step.Source}]");
                }
            }

            output.WriteLine();
            output.WriteLine($"Check how you are doing again in {plan.ReviewAfterDays} days.");
        }

        output.WriteLine();
        output.WriteLine("This is advice, not a diagnosis. If you are worried, talk to a doctor.");
    }

    private static string Headline(Disposition disposition) => disposition switch
    {
        Disposition.Emergency => "EMERGENCY: call your emergency number or go to an emergency department now.",
        Disposition.Urgent => "URGENT: see a doctor today, within 24 hours.",
        Disposition.Routine => "Book an appointment within the next one to two weeks, and follow the plan meanwhile.",
        _ => "You can care for this at home with the plan below.",
    };
}
