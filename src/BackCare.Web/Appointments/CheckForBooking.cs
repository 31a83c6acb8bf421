using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using EngineRiskGroup = BackCare.Clinical.Risk.RiskGroup;

namespace BackCare.Web.Appointments;

/// <summary>The addresses of the booking pages. The check's state (<c>s</c>) travels along, so the result is never lost.</summary>
public static class BookingLinks
{
    public const string Appointments = "/account/appointments";

    public static string Choose(string? checkToken, string? group = null, Guid? clinic = null) =>
        QueryHelpers.AddQueryString("/book", Query(checkToken, ("group", group), ("clinic", clinic?.ToString())));

    public static string Confirm(Guid slotId, string? checkToken) =>
        QueryHelpers.AddQueryString($"/book/{slotId}", Query(checkToken));

    public static string Appointment(Guid id, string? notice = null) =>
        QueryHelpers.AddQueryString($"{Appointments}/{id}", Query(null, ("notice", notice)));

    public static string Cancel(Guid id) => $"{Appointments}/{id}/cancel";

    public static string Reschedule(Guid id, Guid? slotId = null) =>
        slotId is { } slot ? $"{Appointments}/{id}/reschedule/{slot}" : $"{Appointments}/{id}/reschedule";

    private static Dictionary<string, string?> Query(string? checkToken, params (string Name, string? Value)[] more)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrEmpty(checkToken))
        {
            query["s"] = checkToken;
        }

        foreach (var (name, value) in more.Where(m => !string.IsNullOrEmpty(m.Value)))
        {
            query[name] = value;
        }

        return query;
    }
}

/// <summary>A finished check as the booking pages need it: its result, whether the plan points to a physical therapist, a reason to start from.</summary>
public sealed class CheckForBooking
{
    /// <summary>The triage rule that steps care up after a week of home care without progress (ACP-2017), as the diary's step-up does.</summary>
    public const string StepUpRuleId = "not-better-after-a-week";

    private CheckForBooking(string token, AssessmentResult result, bool physicalTherapy)
    {
        Token = token;
        Result = result;
        PhysicalTherapy = physicalTherapy;
    }

    public string Token { get; }

    public AssessmentResult Result { get; }

    public Disposition Disposition => Result.Disposition;

    public bool PhysicalTherapy { get; }

    /// <summary>What the person is offered to send the clinic, from the result: its title and the first reason.</summary>
    public string Reason
    {
        get
        {
            var first = Result.Reasons.Count > 0 ? Result.Reasons[0].Text : "";
            var text = BookingText.English.Format("reason_prefill", SiteText.English.For(Disposition).Title, first).Trim();
            return text.Length <= Appointment.MaxReasonLength ? text : text[..Appointment.MaxReasonLength];
        }
    }

    /// <summary>The finished check in the token, or null when the token is missing, altered, expired or not finished.</summary>
    public static async Task<CheckForBooking?> ReadAsync(
        CheckStateProtector protector, BackCareDbContext db, string? token, Guid? personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(db);
        if (!CheckSaver.IsFinished(protector.Unprotect(token), out var state))
        {
            return null;
        }

        var result = Assessor.Assess(state.Age!.Value, state.Findings);
        EngineRiskGroup? risk = null;
        if (personId is { } owner)
        {
            var latest = await db.RiskScreens.AsNoTracking().OwnedBy(owner).Select(r => (Data.Risk.RiskGroup?)r.Group).FirstOrDefaultAsync(cancellationToken);
            risk = latest is { } group ? Enum.Parse<EngineRiskGroup>(group.ToString()) : null;
        }

        return new CheckForBooking(token!, result, PointsToPhysicalTherapy(result, risk));
    }

    /// <summary>
    /// True where the plan sends the person to a physical therapist: the step-up after a week without progress, or a
    /// risk screen whose group adds a physical therapy step to the plan (medium or high, STARTBACK). Never for a result
    /// that needs a doctor today.
    /// </summary>
    public static bool PointsToPhysicalTherapy(AssessmentResult result, EngineRiskGroup? risk)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Disposition <= Disposition.Routine
            && (result.Reasons.Any(r => r.Rule == StepUpRuleId) || risk is EngineRiskGroup.Medium or EngineRiskGroup.High);
    }
}
