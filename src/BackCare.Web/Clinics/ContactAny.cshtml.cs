using BackCare.Web.Accounts;
using BackCare.Web.Appointments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Clinics;

/// <summary>
/// "Contact the clinic" from the footer and the home page: the contact form of the person's own clinic (the one they
/// last dealt with), else of the clinic a visit would be booked with; a server without a clinic says so.
/// </summary>
public sealed class ContactAnyModel(BookingOffers offers) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await offers.ClinicForAsync(AccountClaims.AccountIdOf(User), null, cancellationToken) is { } clinic
            ? Redirect($"/clinics/{clinic.Id}/contact")
            : Page();
}
