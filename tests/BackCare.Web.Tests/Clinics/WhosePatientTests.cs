using System.Net;
using System.Net.Http.Json;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinics;

/// <summary>
/// With one clinic (the host's demo clinic, and no other in this class), everyone who signs up is its patient: in its
/// list of all patients, and on its worklist only once they need it (decision 0026).
/// </summary>
public sealed class WhosePatientTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_one_clinic_When_a_person_signs_up_on_the_page_Then_they_are_its_patient_in_all_patients_not_on_the_worklist_until_an_urgent_check()
    {
        var clinic = await OnlyClinicAsync();
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        var name = "Page Signup " + Guid.NewGuid().ToString("N")[..8];
        var email = Accounts.Accounts.NewEmail();
        using var person = new Browser(factory);

        await person.SignUp(email, displayName: name);

        var id = await AccountIdAsync(email);
        var row = (await RowsAsync(id)).ShouldHaveSingleItem();
        row.ClinicId.ShouldBe(clinic);
        row.IsAcknowledged.ShouldBeTrue("a new patient with nothing waiting is not on the worklist");
        (await InDbAsync(factory, db => db.WorklistAcknowledgements.CountAsync(a => a.OwnerId == id))).ShouldBe(0, "nobody acknowledged anything");
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .CountAsync(e => e.SubjectId == id && e.ResourceType == nameof(ClinicPatient) && e.ResourceId == clinic.ToString()))).ShouldBe(1);
        await clinician.Open("/clinic/patients?q=" + Uri.EscapeDataString(name));
        Listed(clinician, name).ShouldBeTrue("every patient of the clinic is in its list of all patients");
        await clinician.Open("/clinic?q=" + Uri.EscapeDataString(name));
        Listed(clinician, name).ShouldBeFalse();

        await BookingPages.FinishCheck(person, BookingPages.Urgent);

        (await RowsAsync(id)).ShouldHaveSingleItem().IsAcknowledged.ShouldBeFalse("an urgent check needs the clinic");
        await clinician.Open("/clinic?q=" + Uri.EscapeDataString(name));
        Listed(clinician, name).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_one_clinic_When_a_person_signs_up_through_the_API_and_saves_a_home_care_check_Then_they_are_its_patient_and_stay_off_the_worklist()
    {
        var clinic = await OnlyClinicAsync();
        var (client, id) = await PersonAsync(factory, "Api Signup " + Guid.NewGuid().ToString("N")[..8], """{"age":35,"findings":{"pain_score":3,"onset_days":2}}""");
        using var _ = client;

        var row = (await RowsAsync(id)).ShouldHaveSingleItem();
        (row.ClinicId, row.IsAcknowledged, row.Disposition).ShouldBe((clinic, true, "self_care"));
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .CountAsync(e => e.SubjectId == id && e.ResourceType == nameof(ClinicPatient) && e.ResourceId == clinic.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task Given_one_clinic_When_a_person_signs_up_through_the_API_naming_another_clinicId_Then_400_naming_clinicId_and_no_account_and_with_its_own_id_they_join()
    {
        var clinic = await OnlyClinicAsync();
        using var client = factory.CreateClient();
        var refusedEmail = Accounts.Accounts.NewEmail();
        var joinedEmail = Accounts.Accounts.NewEmail();

        using var refused = await client.PostAsJsonAsync("/api/account/register", new { email = refusedEmail, password = Accounts.Accounts.Password, displayName = "Sam", clinicId = Guid.NewGuid() });
        using var joined = await client.PostAsJsonAsync("/api/account/register", new { email = joinedEmail, password = Accounts.Accounts.Password, displayName = "Sam", clinicId = clinic });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(refused)).GetProperty("errors").GetProperty("clinicId").EnumerateArray().Single().GetString().ShouldBe(AccountText.English["clinic_choice_unknown"]);
        (await InDbAsync(factory, db => db.Accounts.CountAsync(a => a.NormalizedEmail == Account.NormalizeEmail(refusedEmail)))).ShouldBe(0);
        joined.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await RowsAsync(await AccountIdAsync(joinedEmail))).ShouldHaveSingleItem().ClinicId.ShouldBe(clinic);
    }

    [Fact]
    public async Task Given_one_clinic_and_an_account_made_before_that_rule_When_it_saves_a_check_Then_it_becomes_the_clinics_patient_off_the_worklist()
    {
        var clinic = await OnlyClinicAsync();
        var email = Accounts.Accounts.NewEmail();
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Made the way an account was before: no clinic joined at sign-up.
            id = (await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterAsync(email, Accounts.Accounts.Password, "Earlier Person")).Account!.Id;
        }

        (await RowsAsync(id)).ShouldBeEmpty();
        using var signedIn = await Accounts.Accounts.SignIn(factory, email);
        using (var saved = await Accounts.Accounts.PostCase(signedIn, """{"age":35,"findings":{"pain_score":3,"onset_days":2}}"""))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var row = (await RowsAsync(id)).ShouldHaveSingleItem();
        (row.ClinicId, row.IsAcknowledged).ShouldBe((clinic, true));
    }

    private static bool Listed(Browser clinician, string name) =>
        clinician.Document.QuerySelectorAll("table.worklist tbody tr").Any(row => row.TextContent.Contains(name, StringComparison.Ordinal));

    private async Task<Guid> OnlyClinicAsync()
    {
        var clinics = await InDbAsync(factory, db => db.Clinics.AsNoTracking().Select(c => c.Id).ToListAsync());
        return clinics.ShouldHaveSingleItem("this class keeps the host to its one demo clinic");
    }

    private Task<List<ClinicPatient>> RowsAsync(Guid id) =>
        InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().Where(p => p.PatientId == id).ToListAsync());

    private Task<Guid> AccountIdAsync(string email) =>
        InDbAsync(factory, db => db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());
}
