using BackCare.Data.Accounts;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Clinics;

/// <summary>
/// One clinic for an administrator: its details and booking settings, its clinicians' weekly hours and time off (or a
/// holiday for everyone). Every change makes the clinic's free times again at once; booked visits never move.
/// </summary>
[Authorize(Policy = AccountPolicies.Administrator)]
public sealed class AdminClinicModel(ClinicAdmin admin, TimeProvider clock) : ClinicFormPage
{
    /// <summary>The value of the "who" choice that means every clinician of the clinic.</summary>
    public const string Everyone = "everyone";

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public string? HoursWho { get; set; }

    [BindProperty]
    public string? Day { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? OffWho { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? OffFrom { get; set; }

    [BindProperty]
    public string? OffTo { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public ClinicDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Fill(Details.Clinic);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var request = ReadRequest(errors);
        if (!errors.Any)
        {
            var outcome = await admin.UpdateAsync(Id, request, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Value is not null)
            {
                return Done("admin_clinic_saved");
            }

            errors = outcome.Errors!;
        }

        return await AgainAsync(errors, keepDetails: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostHoursAsync(CancellationToken cancellationToken)
    {
        var outcome = await admin.AddHoursAsync(Id, new HoursRequest(Who(HoursWho), Day, From, To, Kind), cancellationToken);
        return outcome.NotFound ? NotFound()
            : outcome.Value is not null ? Done("admin_hours_added")
            : await AgainAsync(Renamed(outcome.Errors!, ("clinicianId", "hoursWho")), keepDetails: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveHoursAsync(Guid hoursId, CancellationToken cancellationToken) =>
        await admin.RemoveHoursAsync(Id, hoursId, cancellationToken) ? Done("admin_hours_removed") : NotFound();

    public async Task<IActionResult> OnPostTimeOffAsync(CancellationToken cancellationToken)
    {
        var outcome = await admin.AddTimeOffAsync(Id, new TimeOffRequest(Who(OffWho), Date, OffFrom, OffTo, Reason), cancellationToken);
        return outcome.NotFound ? NotFound()
            : outcome.Value is not null ? Done("admin_time_off_added")
            : await AgainAsync(Renamed(outcome.Errors!, ("clinicianId", "offWho"), ("from", "offFrom"), ("to", "offTo")), keepDetails: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveTimeOffAsync(Guid timeOffId, CancellationToken cancellationToken) =>
        await admin.RemoveTimeOffAsync(Id, timeOffId, cancellationToken) ? Done("admin_time_off_removed") : NotFound();

    /// <summary>Null (everyone) for the "every clinician" choice; an id that is no clinician's is refused by <see cref="ClinicAdmin"/>.</summary>
    private static Guid? Who(string? value) => value == Everyone ? null : Guid.TryParse(value, out var id) ? id : Guid.Empty;

    private RedirectResult Done(string noticeKey)
    {
        Notice = PageText.English[noticeKey];
        return Redirect(AdminClinicLinks.Clinic(Id));
    }

    /// <summary>The page again with the form's errors, and what was typed in every form kept.</summary>
    private async Task<IActionResult> AgainAsync(FormErrors errors, bool keepDetails, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!keepDetails)
        {
            Fill(Details.Clinic);
        }

        Errors = errors;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Details = (await admin.DetailsAsync(Id, clock.GetUtcNow().UtcDateTime, cancellationToken))!;
        return Details is not null;
    }

    private static FormErrors Renamed(FormErrors errors, params (string From, string To)[] names)
    {
        var renamed = new FormErrors();
        foreach (var error in errors.All)
        {
            var field = names.FirstOrDefault(n => n.From == error.Field).To ?? error.Field;
            renamed.Add(field, error.Message);
        }

        return renamed;
    }
}
