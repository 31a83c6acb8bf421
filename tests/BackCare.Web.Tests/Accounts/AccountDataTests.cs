using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Risk;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

public sealed class AccountDataTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Case = """{"id":"c1","age":41,"findings":{"pain_score":6,"onset_days":2}}""";

    /// <summary>
    /// How to make a record for each API route that reads a person's record by id, as its owner would. A new route
    /// with an id fails <see cref="Given_the_API_When_its_routes_with_an_id_are_listed_Then_each_has_a_stranger_test"/>
    /// until it is added here (or to <see cref="ChangesById"/>, or, for a public record, <see cref="PublicRoutes"/>).
    /// </summary>
    private static readonly Dictionary<string, Func<HttpClient, Task<string>>> RecordMakers = new(StringComparer.Ordinal)
    {
        ["GET /api/assessments/{id:guid}"] = async owner =>
        {
            using var saved = await Accounts.PostCase(owner, """{"id":"secret-case","age":50,"findings":{"bladder_dysfunction":true}}""");
            return saved.Headers.Location!.ToString();
        },
        ["GET /api/diary/{id:guid}"] = async owner =>
        {
            using var baseline = await Accounts.PostCase(owner, Case);
            using var entry = await owner.PostAsJsonAsync("/api/diary", new { painScore = 5, spasms = 1, notes = "secret-note" });
            entry.StatusCode.ShouldBe(HttpStatusCode.Created);
            return entry.Headers.Location!.ToString();
        },
        ["GET /api/appointments/{id:guid}"] = BookAppointment,
    };

    /// <summary>Routes that change a person's record by id: how a stranger would try, given the record's address.</summary>
    private static readonly Dictionary<string, (Func<HttpClient, Task<string>> Make, Func<HttpClient, string, Task<HttpResponseMessage>> Try)> ChangesById =
        new(StringComparer.Ordinal)
        {
            ["DELETE /api/appointments/{id:guid}"] = (BookAppointment, (stranger, address) => stranger.DeleteAsync(address)),
            ["POST /api/appointments/{id:guid}/reschedule"] = (BookAppointment, async (stranger, address) =>
                await stranger.PostAsJsonAsync(address + "/reschedule", new { slotId = await Booking.Booking.AnyFreeSlot(stranger, "in_person") })),
        };

    /// <summary>Routes whose id names something public (a clinic's free slots), not anyone's record.</summary>
    private static readonly string[] PublicRoutes = ["GET /api/clinics/{id:guid}/slots"];

    /// <summary>
    /// Routes whose id names a clinic an administrator sets up: nobody's record, and refused to everyone but an
    /// administrator (a clinician and a patient alike), which Clinics/ClinicAdminTests checks for every /api/admin and
    /// /admin route of the route table.
    /// </summary>
    private static readonly string[] AdministratorRoutes =
    [
        "GET /api/admin/clinics/{id:guid}", "PUT /api/admin/clinics/{id:guid}",
        "POST /api/admin/clinics/{id:guid}/hours", "DELETE /api/admin/clinics/{id:guid}/hours/{hoursId:guid}",
        "POST /api/admin/clinics/{id:guid}/time-off", "DELETE /api/admin/clinics/{id:guid}/time-off/{timeOffId:guid}",
    ];

    public static TheoryData<string> RoutesWithAnId => [.. RecordMakers.Keys];

    public static TheoryData<string> ChangingRoutesWithAnId => [.. ChangesById.Keys];

    private static async Task<string> BookAppointment(HttpClient owner)
    {
        using var booked = await Booking.Booking.Book(owner, await Booking.Booking.AnyFreeSlot(owner, "in_person"), "secret reason");
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        return booked.Headers.Location!.ToString();
    }

    [Fact]
    public void Given_the_API_When_its_routes_with_an_id_are_listed_Then_each_has_a_stranger_test()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.RoutePattern.RawText.Contains("{id", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

        routes.ShouldBe(RecordMakers.Keys.Concat(ChangesById.Keys).Concat(PublicRoutes).Concat(AdministratorRoutes).Order(StringComparer.Ordinal),
            "every route with an id needs a stranger test");
    }

    [Theory]
    [MemberData(nameof(RoutesWithAnId))]
    public async Task Given_someone_elses_record_When_a_stranger_asks_for_it_by_id_Then_404_with_none_of_its_contents(string route)
    {
        using var owner = await Accounts.SignedInClient(factory);
        using var stranger = await Accounts.SignedInClient(factory);
        var address = await RecordMakers[route](owner);

        using var own = await owner.GetAsync(address);
        using var foreign = await stranger.GetAsync(address);
        using var strangerByCookie = new Browser(factory);
        await strangerByCookie.SignUp(Accounts.NewEmail());
        using var foreignByCookie = await strangerByCookie.Client.GetAsync(address);

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var response in new[] { foreign, foreignByCookie })
        {
            await ShouldBeNotFoundWithNothingOfTheRecord(response);
        }
    }

    [Theory]
    [MemberData(nameof(ChangingRoutesWithAnId))]
    public async Task Given_someone_elses_record_When_a_stranger_tries_to_change_it_by_id_Then_404_and_the_record_is_unchanged(string route)
    {
        using var owner = await Accounts.SignedInClient(factory);
        using var stranger = await Accounts.SignedInClient(factory);
        var (make, attempt) = ChangesById[route];
        var address = await make(owner);
        var before = await (await owner.GetAsync(address)).Content.ReadAsStringAsync();

        using var response = await attempt(stranger, address);

        await ShouldBeNotFoundWithNothingOfTheRecord(response);
        using var after = await owner.GetAsync(address);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await after.Content.ReadAsStringAsync()).ShouldBe(before);
    }

    private static async Task ShouldBeNotFoundWithNothingOfTheRecord(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("secret");
        body.ShouldNotContain("emergency");
    }

    [Fact]
    public async Task Given_a_person_with_records_When_they_export_Then_the_document_holds_every_record_and_no_password_hash_and_the_export_is_audited()
    {
        var email = Accounts.NewEmail();
        using var client = await Accounts.SignedInClient(factory, email);
        using var saved = await Accounts.PostCase(client, Case);
        using var diary = await client.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 2, notes = "walked to the shop" });
        diary.StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var normalized = BackCare.Data.Accounts.Account.NormalizeEmail(email);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.NormalizedEmail == normalized);
        db.RiskScreens.Add(new RiskScreen(account.Id, "[1,0,1,0,0,1,0,0,2]", 4, 2, RiskGroup.Medium));
        await db.SaveChangesAsync();

        using var response = await client.GetAsync("/api/account/export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(account.PasswordHash);
        using var export = JsonDocument.Parse(text);
        var root = export.RootElement;
        root.GetProperty("account").GetProperty("email").GetString().ShouldBe(email);
        root.GetProperty("account").TryGetProperty("passwordHash", out _).ShouldBeFalse();
        var assessment = root.GetProperty("savedAssessments").EnumerateArray().Single();
        assessment.GetProperty("id").GetString().ShouldBe(saved.Headers.Location!.ToString()["/api/assessments/".Length..]);
        assessment.GetProperty("caseJson").GetProperty("findings").GetProperty("pain_score").GetInt32().ShouldBe(6);
        var entry = root.GetProperty("diaryEntries").EnumerateArray().Single();
        entry.GetProperty("notes").GetString().ShouldBe("walked to the shop");
        entry.GetProperty("painScore").GetInt32().ShouldBe(4);
        entry.GetProperty("spasms").GetInt32().ShouldBe(2);
        var stored = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.OwnerId == account.Id);
        entry.EnumerateObject().Select(p => p.Name).ShouldBe(
            db.Model.FindEntityType(typeof(BackCare.Data.Diary.DiaryEntry))!.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
                .Append("resultJson"),
            ignoreOrder: true);
        var shown = await db.ShownResults.AsNoTracking().SingleAsync(r => r.Hash == stored.ResultHash);
        entry.GetProperty("resultJson").GetRawText().ShouldBe(shown.Json, "the export holds what the person was shown, word for word");
        entry.GetProperty("disposition").GetString().ShouldBe(stored.Disposition);
        root.GetProperty("riskScreens").EnumerateArray().Single().GetProperty("group").GetString().ShouldBe("Medium");
        var audit = root.GetProperty("auditEvents").EnumerateArray().ToList();
        audit.ShouldContain(e => e.GetProperty("action").GetString() == "Export");
        audit.ShouldContain(e => e.GetProperty("action").GetString() == "Create" && e.GetProperty("resourceType").GetString() == "DiaryEntry");
        (await db.AuditEvents.CountAsync(e => e.SubjectId == account.Id && e.Action == AuditAction.Export)).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_wrong_or_missing_password_When_deleting_the_account_through_the_API_Then_nothing_is_deleted()
    {
        using var client = await Accounts.SignedInClient(factory);
        using var saved = await Accounts.PostCase(client, Case);

        using var wrong = await Delete(client, "not the password at all");
        using var missing = await Delete(client, null);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("has not been deleted");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var read = await client.GetAsync(saved.Headers.Location);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_person_with_records_When_they_delete_their_account_through_the_API_Then_no_table_holds_their_id_but_the_record_of_the_deletion()
    {
        var email = Accounts.NewEmail();
        using var client = await Accounts.SignedInClient(factory, email);
        using var saved = await Accounts.PostCase(client, Case);
        using var diary = await client.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 2, notes = "walked" });
        using var read = await client.GetAsync(diary.Headers.Location);
        var id = await AccountIdOf(email);

        using var deleted = await Delete(client, Accounts.Password);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var remaining = await RowsHolding(id);
        remaining.ShouldBe(["audit_events"], "only the audit record of the deletion remains");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var left = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.SubjectId == id);
        (left.Action, left.ResourceType, left.ActorId).ShouldBe((AuditAction.Delete, "Account", id));
        using var again = await Accounts.Login(client, email);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_signed_in_person_When_they_delete_their_account_on_the_confirmation_page_Then_everything_goes_and_they_are_signed_out()
    {
        var email = Accounts.NewEmail();
        using var browser = new Browser(factory);
        await browser.SignUp(email);
        using (var saved = await Accounts.PostCase(browser.Client, Case))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = await AccountIdOf(email);
        await browser.Open("/account");
        await browser.FollowLink("Delete my account");
        browser.Address.ShouldBe("/account/delete");
        await browser.Submit(new() { ["password"] = "not the password at all" });
        browser.Document.QuerySelector("#password-error")!.TextContent.ShouldContain("has not been deleted");
        (await RowsHolding(id)).ShouldContain("accounts");

        await browser.Submit(new() { ["password"] = Accounts.Password });

        browser.Address.ShouldBe("/account/deleted");
        browser.Document.QuerySelector(".account-status")!.TextContent.ShouldNotContain("Signed in");
        (await RowsHolding(id)).ShouldBe(["audit_events"]);
    }

    [Fact]
    public async Task Given_a_clinician_read_my_diary_entry_When_I_open_who_looked_at_my_record_Then_it_names_them_with_what_when_and_from_where()
    {
        var email = Accounts.NewEmail();
        using var browser = new Browser(factory);
        await browser.SignUp(email);
        using (var saved = await Accounts.PostCase(browser.Client, Case))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var diary = await browser.Client.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 2 });
        var me = await AccountIdOf(email);
        var clinicianEmail = Accounts.NewEmail();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<BackCare.Data.Accounts.AccountService>();
            var clinician = (await accounts.RegisterClinicianAsync(clinicianEmail, Accounts.Password, "Dr Lee", Guid.NewGuid())).Account!;
            var stranger = (await accounts.RegisterAsync(Accounts.NewEmail(), Accounts.Password, "Nosy")).Account!;
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var entry = await db.DiaryEntries.AsNoTracking().SingleAsync(e => e.OwnerId == me);

            // What a clinician's page records when it shows the entry, as the clinician, from their address.
            await new AuditLog(db, new FixedAuditActorAccessor(new AuditActor(clinician.Id, "198.51.100.23")), TimeProvider.System).RecordReadAsync(entry);
            await new AuditLog(db, new FixedAuditActorAccessor(new AuditActor(stranger.Id, "203.0.113.9")), TimeProvider.System).RecordReadAsync(entry);
        }

        await browser.Open("/account/activity");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = browser.Document.QuerySelectorAll("table.activity tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        rows[0][1..].ShouldBe(["Someone", "Looked at a diary entry", "203.0.113.9"], "newest first; a patient is never named to another");
        rows[1][1..].ShouldBe(["Clinician Dr Lee at their clinic", "Looked at a diary entry", "198.51.100.23"]);
        rows.ShouldContain(r => r[1] == "You" && r[2] == "Added a diary entry");
        rows[0][0].ShouldStartWith("Today at ", customMessage: "times in the person's words");
        browser.Text.ShouldNotContain("UTC", Shouldly.Case.Sensitive, "a patient is never shown UTC");

        await browser.Open("/account/security");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Text.ShouldNotContain("UTC", Shouldly.Case.Sensitive, "when each device signed in, in the person's words");
        browser.Text.ShouldContain("Today at ");

        using var api = await browser.Client.GetAsync("/api/account/activity");
        using var body = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        var first = body.RootElement.GetProperty("items")[1];
        first.GetProperty("who").GetString().ShouldBe("Clinician Dr Lee at their clinic");
        first.GetProperty("resourceId").GetString().ShouldBe(diary.Headers.Location!.ToString()["/api/diary/".Length..]);
    }

    [Fact]
    public async Task Given_more_events_than_a_page_holds_When_reading_the_activity_Then_the_pages_follow_on_newest_first_without_gaps()
    {
        using var client = await Accounts.SignedInClient(factory);
        using (var saved = await Accounts.PostCase(client, Case))
        {
            for (var i = 0; i < 30; i++)
            {
                using var read = await client.GetAsync(saved.Headers.Location);
            }
        }

        using var first = await client.GetAsync("/api/account/activity");
        using var second = await client.GetAsync("/api/account/activity?page=2");

        using var one = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var two = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        one.RootElement.GetProperty("items").GetArrayLength().ShouldBe(25);
        one.RootElement.GetProperty("hasMore").GetBoolean().ShouldBeTrue();
        two.RootElement.GetProperty("hasMore").GetBoolean().ShouldBeFalse();
        var times = one.RootElement.GetProperty("items").EnumerateArray().Concat(two.RootElement.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("at").GetDateTime()).ToList();
        times.Count.ShouldBe(33, "account made, made the only clinic's patient (decision 0026), assessment saved, 30 reads");
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
    }

    [Fact]
    public async Task Given_a_saved_check_and_diary_When_the_server_restarts_on_the_same_database_Then_the_person_signs_in_on_the_page_and_finds_them()
    {
        var path = Path.Combine(Path.GetTempPath(), $"backcare-restart-{Guid.NewGuid():N}.db");
        try
        {
            var email = Accounts.NewEmail();
            await using (var first = BackCareFactory.OnDatabase(path))
            {
                using var browser = new Browser(first);
                await browser.SignUp(email);
                using var saved = await Accounts.PostCase(browser.Client, Case);
                using var diary = await browser.Client.PostAsJsonAsync("/api/diary", new { painScore = 3, spasms = 0, notes = "kept over restart" });
                diary.StatusCode.ShouldBe(HttpStatusCode.Created);
            }

            await using var second = BackCareFactory.OnDatabase(path);
            using var again = new Browser(second);
            await again.SignIn(email);
            again.Address.ShouldBe("/account");
            again.Document.QuerySelectorAll("ul.saved-checks li").Length.ShouldBe(1);
            using var export = await again.Client.GetAsync("/api/account/export");
            (await export.Content.ReadAsStringAsync()).ShouldContain("kept over restart");
        }
        finally
        {
            BackCareFactory.DeleteDatabase(path);
        }
    }

    private static async Task<HttpResponseMessage> Delete(HttpClient client, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/account") { Content = JsonContent.Create(new { password }) };
        return await client.SendAsync(request);
    }

    private async Task<Guid> AccountIdOf(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var normalized = BackCare.Data.Accounts.Account.NormalizeEmail(email);
        return await db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == normalized).Select(a => a.Id).SingleAsync();
    }

    /// <summary>The tables (of every entity in the model) with a row holding this id in any Guid column.</summary>
    private async Task<List<string>> RowsHolding(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        return await BackCare.Data.Tests.Infrastructure.ModelScan.TablesHoldingAsync(db, id);
    }
}
