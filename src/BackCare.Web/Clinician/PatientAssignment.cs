using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinician;

/// <summary>A clinician of the clinic a patient can be assigned to, as the "assign to" list offers them.</summary>
public sealed record Assignee(Guid Id, string Name);

/// <summary>
/// What the patient page and the rows of the patient lists share when a clinician assigns a patient: the clinicians on
/// offer (their own clinic's only), how the chosen one comes in from a form, the note's limit and what to say after.
/// The change itself is <see cref="WorklistUpdater.AssignAsync"/>, which checks the clinic again in its one UPDATE.
/// </summary>
public static class PatientAssignment
{
    /// <summary>The form field that names the clinician: a clinician's id, or empty for nobody.</summary>
    public const string ClinicianField = "clinician";

    public const string NoteField = "note";

    public static async Task<IReadOnlyList<Assignee>> AssigneesAsync(BackCareDbContext db, Guid clinicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clinicians = await db.Clinicians.AsNoTracking()
            .Where(c => c.ClinicId == clinicId)
            .Select(c => new Assignee(c.Id, c.DisplayName))
            .ToListAsync(cancellationToken);
        return [.. clinicians.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Id)];
    }

    /// <summary>The clinician chosen (null for nobody); false for anything a form of ours never sends.</summary>
    public static bool TryRead(string? value, out Guid? clinicianId)
    {
        clinicianId = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Guid.TryParse(value, out var id) && id != Guid.Empty)
        {
            clinicianId = id;
            return true;
        }

        return false;
    }

    public static string? NoteProblem(string? note) =>
        note?.Trim().Length > WorklistAssignment.MaxNoteLength
            ? PageText.English.Format("assign_note_too_long", WorklistAssignment.MaxNoteLength)
            : null;

    /// <summary>What the page says after an assignment that was made.</summary>
    public static string Done(AssignOutcome outcome, Guid? clinicianId, IReadOnlyList<Assignee> assignees) =>
        outcome == AssignOutcome.Unassigned
            ? PageText.English["unassign_done"]
            : PageText.English.Format("assign_done", assignees.FirstOrDefault(a => a.Id == clinicianId)?.Name ?? "");
}
