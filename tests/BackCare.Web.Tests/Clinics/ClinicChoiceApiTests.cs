using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Hardening;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Clinics;

/// <summary>
/// A network's clinic chosen through the API (decision 0028): at sign-up (<c>clinicId</c> on
/// <c>POST /api/account/register</c>) and later (<c>PUT /api/account/clinic</c>), with the same helper, worklist rule and
/// audit event as the pages; a bad id is a 400 naming <c>clinicId</c> that changes nothing; and a booking makes the person
/// the booked clinic's patient too. This class's host is a network: the demo clinic and two more.
/// </summary>
public sealed class ClinicChoiceApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string North = "North Choice Clinic";

    private const string South = "South Choice Clinic";

    private const string HomeCare = """{"age":35,"findings":{"pain_score":3,"onset_days":2}}""";

    private static readonly SemaphoreSlim Setup = new(1, 1);

    [Fact]
    public async Task Given_a_network_When_a_person_signs_up_through_the_API_with_a_clinicId_Then_they_are_that_clinics_patient_off_its_worklist_and_it_is_audited()
    {
        var (north, _) = await NetworkAsync();
        var email = People.NewEmail();
        using var client = factory.CreateClient();

        using var registered = await RegisterAsync(client, email, north.ToString());

        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = await AccountIdAsync(email);
        var row = (await RowsAsync(id)).ShouldHaveSingleItem();
        (row.ClinicId, row.IsAcknowledged).ShouldBe((north, true), "a new patient with nothing waiting is in all patients, not on the worklist");
        (await AuditedChoicesAsync(id)).ShouldBe([north.ToString()]);
    }

    [Fact]
    public async Task Given_a_network_and_a_taken_email_When_someone_signs_up_with_it_and_a_clinicId_Then_the_same_answer_and_the_owner_joins_nothing()
    {
        var (north, south) = await NetworkAsync();
        var email = People.NewEmail();
        using var client = factory.CreateClient();
        using (var first = await RegisterAsync(client, email, north.ToString()))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var again = await RegisterAsync(client, email, south.ToString());

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = await AccountIdAsync(email);
        (await RowsAsync(id)).Select(r => r.ClinicId).ShouldBe([north], "someone else's sign-up changes nothing of the owner's");
    }

    [Theory]
    [InlineData("not-a-clinic", "clinic_choice_malformed")]
    [InlineData("12345", "clinic_choice_malformed")]
    [InlineData("unknown", "clinic_choice_unknown")]
    public async Task Given_a_clinicId_that_is_malformed_or_names_no_clinic_When_signing_up_through_the_API_Then_400_naming_clinicId_and_no_account(string sent, string expected)
    {
        await NetworkAsync();
        var email = People.NewEmail();
        using var client = factory.CreateClient();

        using var response = await RegisterAsync(client, email, sent == "unknown" ? Guid.NewGuid().ToString() : sent);

        await ShouldNameOnlyClinicIdAsync(response, AccountText.English[expected]);
        (await InDbAsync(factory, db => db.Accounts.CountAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)))).ShouldBe(0, "no account is made");
    }

    [Fact]
    public async Task Given_a_bad_clinicId_and_a_bad_email_When_signing_up_through_the_API_Then_both_fields_are_named_at_once()
    {
        await NetworkAsync();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/account/register", new { email = "not an email", password = People.Password, displayName = "Sam", clinicId = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["email", "clinicId"], ignoreOrder: true);
    }

    [Fact]
    public async Task Given_a_patient_When_they_choose_a_clinic_through_the_API_and_then_another_Then_each_makes_them_its_patient_audited_and_the_latest_is_theirs()
    {
        var (north, south) = await NetworkAsync();
        var (client, id) = await PersonAsync(factory, "Api Chooser " + Guid.NewGuid().ToString("N")[..8], HomeCare);
        using var _ = client;
        (await RowsAsync(id)).ShouldBeEmpty("in a network nobody is a clinic's patient without choosing");

        using var first = await client.PutAsJsonAsync("/api/account/clinic", new { clinicId = north });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(first);
        (body.GetProperty("clinicId").GetGuid(), body.GetProperty("name").GetString()).ShouldBe((north, North));
        var row = (await RowsAsync(id)).ShouldHaveSingleItem();
        row.ClinicId.ShouldBe(north);
        row.IsAcknowledged.ShouldBeTrue("after a home-care check, choosing a clinic puts them in its list of all patients, not on its worklist, as on the result page");

        using var second = await client.PutAsJsonAsync("/api/account/clinic", new { clinicId = south.ToString() });
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = await RowsAsync(id);
        rows.Select(r => r.ClinicId).ShouldBe([north, south], ignoreOrder: true);
        rows.MaxBy(r => r.LastActivityUtc)!.ClinicId.ShouldBe(south, "the latest choice is the clinic offered to them from now on");
        (await AuditedChoicesAsync(id)).ShouldBe([north.ToString(), south.ToString()], ignoreOrder: true);
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == id && e.ResourceType == nameof(ClinicPatient)).Select(e => new { e.Action, e.ActorId }).ToListAsync()))
            .ShouldAllBe(e => e.Action == AuditAction.Update && e.ActorId == id);
    }

    [Fact]
    public async Task Given_a_patient_who_chose_a_clinic_When_they_book_a_visit_at_another_Then_they_are_the_booked_clinics_patient_too_and_it_is_their_latest()
    {
        var (north, _) = await NetworkAsync();
        var (client, id) = await PersonAsync(factory, "Api Booker " + Guid.NewGuid().ToString("N")[..8]);
        using var _c = client;
        using (var chose = await client.PutAsJsonAsync("/api/account/clinic", new { clinicId = north }))
        {
            chose.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var demo = await InDbAsync(factory, db => db.Clinics.AsNoTracking().Where(c => c.Name.Contains("(demo)")).Select(c => c.Id).SingleAsync());
        var slots = await Booking.Booking.FreeSlots(client, demo.ToString(), "?kind=in_person");
        using var booked = await Booking.Booking.Book(client, slots[0].GetProperty("id").GetString()!);

        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var rows = await RowsAsync(id);
        rows.Select(r => r.ClinicId).ShouldBe([north, demo], ignoreOrder: true);
        rows.Single(r => r.ClinicId == demo).IsAcknowledged.ShouldBeFalse("a visit needs the clinic");
        rows.MaxBy(r => r.LastActivityUtc)!.ClinicId.ShouldBe(demo, "the clinic booked with is their latest");
    }

    [Theory]
    [InlineData(null, "clinic_choice_required")]
    [InlineData("", "clinic_choice_required")]
    [InlineData("not-a-clinic", "clinic_choice_malformed")]
    [InlineData("unknown", "clinic_choice_unknown")]
    public async Task Given_a_missing_malformed_or_unknown_clinicId_When_a_patient_chooses_through_the_API_Then_400_naming_clinicId_and_nothing_changes(string? sent, string expected)
    {
        await NetworkAsync();
        var (client, id) = await PersonAsync(factory, "Api Wrong Choice");
        using var _ = client;

        using var response = await client.PutAsJsonAsync("/api/account/clinic", new { clinicId = sent == "unknown" ? Guid.NewGuid().ToString() : sent });

        await ShouldNameOnlyClinicIdAsync(response, AccountText.English[expected]);
        (await RowsAsync(id)).ShouldBeEmpty();
        (await AuditedChoicesAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_no_sign_in_or_a_clinician_When_choosing_a_clinic_through_the_API_Then_refused_and_nobody_joins()
    {
        var (north, _) = await NetworkAsync();
        using var anonymous = factory.CreateClient();
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, north);
        using var _c = clinician;

        using var nobody = await anonymous.PutAsJsonAsync("/api/account/clinic", new { clinicId = north });
        using var staff = await clinician.Client.PutAsJsonAsync("/api/account/clinic", new { clinicId = north });

        nobody.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (staff.StatusCode == HttpStatusCode.Forbidden
            || (staff.StatusCode == HttpStatusCode.Redirect && staff.Headers.Location!.ToString().Contains("/account/denied", StringComparison.Ordinal)))
            .ShouldBeTrue($"a clinician is no clinic's patient: answered {(int)staff.StatusCode}");
        (await RowsAsync(clinicianId)).ShouldBeEmpty();
    }

    [Fact]
    public void Given_the_route_table_When_the_clinic_choice_route_is_read_Then_it_needs_a_sign_in_so_the_route_table_tests_cover_it()
    {
        var route = RouteTable.Of(factory).Single(r => r.ToString() == "PUT /api/account/clinic");

        route.NeedsSignIn.ShouldBeTrue();
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string clinicId) =>
        client.PostAsJsonAsync("/api/account/register", new { email, password = People.Password, displayName = "Sam", clinicId });

    private static async Task ShouldNameOnlyClinicIdAsync(HttpResponseMessage response, string message)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await JsonAsync(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["clinicId"]);
        errors.GetProperty("clinicId").EnumerateArray().Select(e => e.GetString()).ShouldBe([message]);
    }

    private Task<List<ClinicPatient>> RowsAsync(Guid id) =>
        InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().Where(p => p.PatientId == id).ToListAsync());

    private Task<List<string?>> AuditedChoicesAsync(Guid id) =>
        InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == id && e.ResourceType == nameof(ClinicPatient)).Select(e => e.ResourceId).ToListAsync());

    private Task<Guid> AccountIdAsync(string email) =>
        InDbAsync(factory, db => db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());

    private async Task<(Guid North, Guid South)> NetworkAsync()
    {
        await Setup.WaitAsync();
        try
        {
            var known = await InDbAsync(factory, db => db.Clinics.AsNoTracking().Where(c => c.Name == North || c.Name == South).ToListAsync());
            if (known.Count == 2)
            {
                return (known.Single(c => c.Name == North).Id, known.Single(c => c.Name == South).Id);
            }

            return (await AddClinicAsync(factory, North), await AddClinicAsync(factory, South));
        }
        finally
        {
            Setup.Release();
        }
    }
}
