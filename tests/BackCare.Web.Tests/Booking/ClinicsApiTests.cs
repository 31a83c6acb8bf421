using System.Net;
using System.Text.Json;
using BackCare.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Booking.Booking;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Booking;

public sealed class ClinicsApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_an_empty_database_When_the_app_starts_Then_a_demo_clinic_offers_all_four_specialties_and_slots_in_the_next_two_weeks()
    {
        using var client = factory.CreateClient();

        var clinic = await DemoClinic(client);

        clinic.GetProperty("name").GetString()!.ShouldContain("demo");
        clinic.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        clinic.GetProperty("phone").GetString().ShouldNotBeNullOrWhiteSpace();
        clinic.GetProperty("address").GetString().ShouldNotBeNullOrWhiteSpace();
        clinic.GetProperty("specialties").EnumerateArray().Select(s => s.GetString())
            .ShouldBe(["orthopedic", "spine", "physical_therapy", "primary_care"], ignoreOrder: true);
        var slots = await FreeSlots(client, clinic.GetProperty("id").GetString()!);
        slots.Select(s => s.GetProperty("kind").GetString()).Distinct().ShouldBe(["in_person", "telemedicine"], ignoreOrder: true);
        slots.ShouldAllBe(s => s.GetProperty("startUtc").GetDateTimeOffset() > DateTimeOffset.UtcNow
                               && s.GetProperty("startUtc").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddDays(14));
        slots.Select(s => s.GetProperty("specialty").GetString()).Distinct().Count().ShouldBe(4);
        slots.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Given_free_slots_When_listed_Then_each_has_UTC_times_and_the_clinic_s_local_start_with_its_offset_on_the_clinic_s_clock()
    {
        using var client = factory.CreateClient();
        var clinicId = (await DemoClinic(client)).GetProperty("id").GetString()!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var slots = await FreeSlots(client, clinicId, "?kind=in_person");

        slots.ShouldNotBeEmpty();
        foreach (var slot in slots)
        {
            var startUtc = slot.GetProperty("startUtc").GetString()!;
            startUtc.ShouldEndWith("+00:00");
            var local = DateTimeOffset.Parse(slot.GetProperty("localStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            local.ShouldBe(DateTimeOffset.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture));
            local.Offset.ShouldBe(zone.GetUtcOffset(local.UtcDateTime));
            local.TimeOfDay.ShouldBeInRange(TimeSpan.FromHours(8), TimeSpan.FromHours(11.5), "the demo's in-person hours are 08:00 to 12:00 local");
            slot.GetProperty("kind").GetString().ShouldBe("in_person");
            (slot.GetProperty("endUtc").GetDateTimeOffset() - slot.GetProperty("startUtc").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(30));
            slot.GetProperty("clinicianName").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        slots.Select(s => s.GetProperty("startUtc").GetDateTimeOffset()).ShouldBeInOrder();
    }

    [Fact]
    public async Task Given_a_specialty_and_a_range_in_local_dates_When_listing_slots_Then_only_that_specialty_within_the_range_is_given()
    {
        using var client = factory.CreateClient();
        var clinicId = (await DemoClinic(client)).GetProperty("id").GetString()!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var from = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = today.AddDays(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var slots = await FreeSlots(client, clinicId, $"?specialty=physical_therapy&from={from}&to={to}");

        slots.ShouldNotBeEmpty();
        slots.ShouldAllBe(s => s.GetProperty("specialty").GetString() == "physical_therapy");
        slots.Select(s => DateOnly.FromDateTime(s.GetProperty("localStart").GetDateTimeOffset().DateTime))
            .ShouldAllBe(d => d >= today.AddDays(1) && d < today.AddDays(8));
    }

    [Theory]
    [InlineData("?kind=video", "kind")]
    [InlineData("?specialty=chiropractic", "specialty")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-13-40", "from")]
    [InlineData("?to=2026-11-23T25:00:00Z", "to")]
    [InlineData("?from=2030-01-10&to=2030-01-09", "to")]
    [InlineData("?from=2030-01-01&to=2030-03-01", "to")]
    public async Task Given_a_bad_slot_search_When_listing_Then_400_problem_names_the_parameter(string query, string parameter)
    {
        using var client = factory.CreateClient();
        var clinicId = (await DemoClinic(client)).GetProperty("id").GetString()!;

        using var response = await client.GetAsync($"/api/clinics/{clinicId}/slots{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await Json(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
    }

    [Fact]
    public async Task Given_an_unknown_clinic_When_listing_its_slots_Then_404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/clinics/{Guid.NewGuid()}/slots");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_database_with_the_demo_clinic_When_the_app_starts_again_Then_nothing_is_made_twice()
    {
        var path = Path.Combine(Path.GetTempPath(), $"backcare-demo-{Guid.NewGuid():N}.db");
        try
        {
            (int Clinics, int Clinicians, int Slots, int Hours) first;
            using (var host = BackCareFactory.OnDatabase(path))
            {
                host.CreateClient().Dispose();
                first = await Counts(host);
            }

            using var again = BackCareFactory.OnDatabase(path);
            again.CreateClient().Dispose();

            (await Counts(again)).ShouldBe(first);
            first.Clinics.ShouldBe(1);
            first.Clinicians.ShouldBe(4);
        }
        finally
        {
            BackCareFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Given_the_demo_turned_off_When_the_app_starts_on_an_empty_database_Then_there_is_no_clinic()
    {
        using var host = BackCareFactory.With(new() { ["DemoClinic:Enabled"] = "false" });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/clinics");

        (await Json(response)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_production_server_not_told_about_the_demo_When_it_starts_on_an_empty_database_Then_there_is_no_clinic_and_no_slot()
    {
        using var host = BackCareFactory.Without("DemoClinic:Enabled");
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/clinics");

        (await Json(response)).GetArrayLength().ShouldBe(0);
        (await Counts(host)).ShouldBe((0, 0, 0, 0));
    }

    [Fact]
    public async Task Given_Development_not_told_about_the_demo_When_it_starts_on_an_empty_database_Then_the_demo_clinic_and_its_slots_are_there()
    {
        using var host = BackCareFactory.InEnvironment("Development", "DemoClinic:Enabled");
        using var client = host.CreateClient();

        var clinic = await DemoClinic(client);

        clinic.GetProperty("name").GetString()!.ShouldContain("demo");
        (await Counts(host)).Slots.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Given_a_configured_demo_clinician_When_the_app_starts_Then_they_can_sign_in_as_a_clinician_of_the_demo_clinic_and_without_it_nobody_is_made()
    {
        var email = People.NewEmail();
        using var host = BackCareFactory.With(new()
        {
            ["DemoClinic:ClinicianEmail"] = email,
            ["DemoClinic:ClinicianPassword"] = "a long demo password",
        });
        using var client = host.CreateClient();

        using var login = await People.Login(client, email, "a long demo password");

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var clinicId = Guid.Parse((await DemoClinic(client)).GetProperty("id").GetString()!);
        var account = await WithDb(host, db => db.Accounts.AsNoTracking().SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)));
        account.Role.ShouldBe(AccountRole.Clinician);
        account.ClinicId.ShouldBe(clinicId);
        (await WithDb(host, db => db.Clinicians.AsNoTracking().CountAsync(c => c.AccountId == account.Id))).ShouldBe(1);
        (await WithDb(factory, db => db.Accounts.AsNoTracking().CountAsync(a => a.Role == AccountRole.Clinician))).ShouldBe(0);
    }

    [PostgresFact]
    public async Task Given_two_servers_starting_at_once_on_one_empty_PostgreSQL_database_When_both_make_the_demo_Then_there_is_one_clinic_and_no_slot_twice()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var one = BackCareFactory.With(database.HostSettings());
        using var two = BackCareFactory.With(database.HostSettings());

        await Task.WhenAll(Task.Run(() => one.CreateClient().Dispose()), Task.Run(() => two.CreateClient().Dispose()));

        var counts = await Counts(one);
        counts.Clinics.ShouldBe(1);
        counts.Clinicians.ShouldBe(4);
        var duplicates = await WithDb(one, db => db.Slots.GroupBy(s => new { s.ClinicianId, s.StartUtc }).CountAsync(g => g.Count() > 1));
        duplicates.ShouldBe(0);
        counts.Slots.ShouldBeGreaterThan(100);
    }

    private static Task<(int Clinics, int Clinicians, int Slots, int Hours)> Counts(BackCareFactory host) =>
        WithDb(host, async db => (
            await db.Clinics.CountAsync(), await db.Clinicians.CountAsync(), await db.Slots.CountAsync(), await db.WeeklyAvailability.CountAsync()));
}
