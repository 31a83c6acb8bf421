using System.Globalization;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Clinics;

/// <summary>An administrator sees every clinic here and adds one; each clinic's own page sets its hours.</summary>
[Authorize(Policy = AccountPolicies.Administrator)]
public sealed class AdminClinicsModel(ClinicAdmin admin, IOptions<BookingOptions> booking) : ClinicFormPage
{
    public IReadOnlyList<ClinicSummary> Clinics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SlotMinutes = Clinic.DefaultSlotMinutes.ToString(CultureInfo.InvariantCulture);
        BookingDays = booking.Value.SlotDays.ToString(CultureInfo.InvariantCulture);
        Clinics = await admin.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var request = ReadRequest(errors);
        if (!errors.Any)
        {
            var outcome = await admin.CreateAsync(request, cancellationToken);
            if (outcome.Value is { } clinic)
            {
                Notice = PageText.English.Format("admin_clinic_made", clinic.Name);
                return Redirect(AdminClinicLinks.Clinic(clinic.Id));
            }

            errors = outcome.Errors!;
        }

        Errors = Merge(errors, null);
        Clinics = await admin.ListAsync(cancellationToken);
        return Page();
    }
}

/// <summary>The addresses of the clinic admin pages.</summary>
public static class AdminClinicLinks
{
    public const string Clinics = "/admin/clinics";

    public static string Clinic(Guid id) => $"{Clinics}/{id}";
}
