using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// Test data for the clinic pages: clinics, a clinician account made as an administrator would (AccountService, then
/// linked to a Clinician of the clinic), and patients who sign up through the real API and become a clinic's patients
/// as a booking would make them (WorklistNews.Booked).
/// </summary>
internal static class ClinicWorld
{
    public const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";

    public static async Task<Guid> AddClinicAsync(BackCareFactory factory, string name = "Riverside Spine Clinic")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var clinic = new Clinic(name, "1 River Road, Springfield", "+1 555 0100", "America/New_York");
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync();
        return clinic.Id;
    }

    /// <summary>A clinician of the clinic with two-step sign-in on, signed in on the pages with the password and a code.</summary>
    public static async Task<(Browser Browser, Guid AccountId)> SignedInClinicianAsync(BackCareFactory factory, Guid clinicId)
    {
        var email = Accounts.Accounts.NewEmail();
        Guid accountId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var outcome = await accounts.RegisterClinicianAsync(email, Accounts.Accounts.Password, "Dr. Ada Moss", clinicId);
            accountId = outcome.Account!.Id;
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var clinician = new BackCare.Data.Clinics.Clinician(clinicId, "Dr. Ada Moss", Specialty.Spine);
            clinician.LinkAccount(accountId);
            db.Clinicians.Add(clinician);
            await db.SaveChangesAsync();
        }

        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        var browser = new Browser(factory);
        await browser.SignInWithCode(email, key);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (browser, accountId);
    }

    /// <summary>A person who signed up through the API (with a bearer token) and saved one assessment.</summary>
    public static async Task<(HttpClient Client, Guid Id)> PersonAsync(BackCareFactory factory, string name, string caseJson = Baseline)
    {
        var email = Accounts.Accounts.NewEmail();
        var client = factory.CreateClient();
        using (var registered = await Accounts.Accounts.Register(client, email, displayName: name))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var signedIn = await Accounts.Accounts.SignIn(factory, email);
        client.Dispose();
        using (var saved = await Accounts.Accounts.PostCase(signedIn, caseJson))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts
            .Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync();
        return (signedIn, id);
    }

    /// <summary>Makes the person a patient of the clinic, as booking a visit does.</summary>
    public static async Task JoinAsync(BackCareFactory factory, Guid clinicId, Guid personId, string disposition, DateTime? whenUtc = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        await WorklistUpdater.RaiseAsync(db, WorklistNews.Booked(clinicId, personId, disposition), whenUtc ?? DateTime.UtcNow);
    }

    public static async Task<T> InDbAsync<T>(BackCareFactory factory, Func<BackCareDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static Task<HttpResponseMessage> SendMessage(HttpClient person, Guid clinicId, string body) =>
        person.PostAsJsonAsync($"/api/clinics/{clinicId}/messages", new { body });
}
