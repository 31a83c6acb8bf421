using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Data.Telemetry;

namespace BackCare.Web.Hosting;

/// <summary>Where a person was given a result: the API, the check's result page, or a diary entry's re-assessment.</summary>
internal enum AssessmentSource
{
    Api,
    Check,
    Diary,
}

internal static class AssessmentMetrics
{
    /// <summary>Counts a result by its disposition, and each red flag in it, as the contract spells them.</summary>
    public static void AssessmentMade(this BackCareMetrics metrics, AssessmentResult result, AssessmentSource source) =>
        metrics.AssessmentMade(result.Disposition.WireName(), Name(source), result.RedFlags.Select(code => code.Key()));

    /// <summary>A diary entry's re-assessment counts only the red flags new since the first assessment: those are the ones it raises.</summary>
    public static void DiaryReassessed(this BackCareMetrics metrics, AssessmentResult result, IEnumerable<string> newRedFlags) =>
        metrics.AssessmentMade(result.Disposition.WireName(), Name(AssessmentSource.Diary), newRedFlags);

    private static string Name(AssessmentSource source) => source switch
    {
        AssessmentSource.Api => "api",
        AssessmentSource.Check => "check",
        _ => "diary",
    };
}
