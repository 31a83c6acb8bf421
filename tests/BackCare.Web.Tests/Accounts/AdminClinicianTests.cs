using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackCare.Web.Tests.Booking.Booking;

namespace BackCare.Web.Tests.Accounts;

/// <summary>An administrator makes clinicians only for clinics that exist, through the API and on the admin page alike.</summary>
public sealed class AdminClinicianTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string ClinicUnknown = "No clinic has this id. Copy the id of their clinic from the list of clinics at /api/clinics.";

    [Fact]
    public async Task Given_an_administrator_When_making_a_clinician_through_the_API_for_a_clinic_that_does_not_exist_Then_400_names_clinicId_and_no_account_is_made()
    {
        using var admin = await SignedInAdministratorAsync();
        var email = Accounts.NewEmail();

        using var refused = await admin.PostAsJsonAsync("/api/admin/clinicians",
            new { email, password = Accounts.Password, displayName = "Dr Nowhere", clinicId = Guid.NewGuid() });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["clinicId"]);
        errors.GetProperty("clinicId")[0].GetString().ShouldBe(ClinicUnknown);
        (await AccountsWithEmailAsync(email)).ShouldBe(0);
    }

    [Fact]
    public async Task Given_an_administrator_When_making_a_clinician_through_the_API_for_the_demo_clinic_Then_201_with_that_clinic()
    {
        using var admin = await SignedInAdministratorAsync();
        var clinicId = (await DemoClinic(admin)).GetProperty("id").GetGuid();

        using var made = await admin.PostAsJsonAsync("/api/admin/clinicians",
            new { email = Accounts.NewEmail(), password = Accounts.Password, displayName = "Dr Here", clinicId });

        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("clinicId").GetGuid().ShouldBe(clinicId);
    }

    [Fact]
    public async Task Given_an_administrator_on_the_admin_page_When_the_clinic_id_is_of_no_clinic_Then_the_form_says_so_at_the_clinic_field_and_no_account_is_made()
    {
        var (adminEmail, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        using var admin = new Browser(factory);
        await admin.SignInWithCode(adminEmail, key, returnUrl: "/admin/clinicians");
        var email = Accounts.NewEmail();

        await admin.Submit(new() { ["displayName"] = "Dr Nowhere", ["email"] = email, ["password"] = Accounts.Password, ["clinicId"] = Guid.NewGuid().ToString() });

        admin.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        admin.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ShouldBe(["#clinicId"]);
        admin.Document.QuerySelector("#clinicId-error")!.TextContent.ShouldContain(ClinicUnknown);
        admin.Text.ShouldNotContain("The account for Dr Nowhere is made.");
        (await AccountsWithEmailAsync(email)).ShouldBe(0);
    }

    private async Task<HttpClient> SignedInAdministratorAsync()
    {
        var (email, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        return await TwoStepSignIn.SignedInClientAsync(factory, email, key);
    }

    private Task<int> AccountsWithEmailAsync(string email) =>
        WithDb(factory, db => db.Accounts.AsNoTracking().CountAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)));
}
