using System.Net;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

public sealed class SavedAssessmentTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Case = """{"id":"c1","age":41,"findings":{"pain_score":6,"onset_days":2}}""";
    private const string EmergencyCase = """{"id":"c2","age":50,"findings":{"bladder_dysfunction":true}}""";

    [Fact]
    public async Task Given_a_signed_in_person_When_assessing_Then_the_body_is_the_contract_result_and_Location_points_at_the_saved_copy()
    {
        using var client = await Accounts.SignedInClient(factory);
        using var anonymous = factory.CreateClient();

        using var signedIn = await Accounts.PostCase(client, Case);
        using var plain = await Accounts.PostCase(anonymous, Case);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await signedIn.Content.ReadAsStringAsync();
        body.ShouldBe(await plain.Content.ReadAsStringAsync());
        plain.Headers.Location.ShouldBeNull();
        var location = signedIn.Headers.Location!.ToString();
        location.ShouldStartWith("/api/assessments/");

        using var read = await client.GetAsync(location);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadAsStringAsync()).ShouldBe(body);
    }

    [Fact]
    public async Task Given_two_saved_assessments_When_listing_Then_only_my_own_come_back_newest_first_with_their_dispositions()
    {
        using var me = await Accounts.SignedInClient(factory);
        using var other = await Accounts.SignedInClient(factory);
        using var mine1 = await Accounts.PostCase(me, Case);
        using var mine2 = await Accounts.PostCase(me, EmergencyCase);
        using var theirs = await Accounts.PostCase(other, Case);

        using var response = await me.GetAsync("/api/assessments");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = list.RootElement.EnumerateArray().ToArray();
        items.Length.ShouldBe(2);
        items[0].GetProperty("id").GetString().ShouldBe(IdOf(mine2));
        items[0].GetProperty("disposition").GetString().ShouldBe("emergency");
        items[1].GetProperty("id").GetString().ShouldBe(IdOf(mine1));
        items[1].TryGetProperty("created", out _).ShouldBeTrue();
        items.Select(i => i.GetProperty("id").GetString()).ShouldNotContain(IdOf(theirs));
    }

    [Fact]
    public async Task Given_someone_elses_assessment_id_When_I_read_it_Then_404_problem_and_none_of_its_contents()
    {
        using var owner = await Accounts.SignedInClient(factory);
        using var stranger = await Accounts.SignedInClient(factory);
        using var saved = await Accounts.PostCase(owner, EmergencyCase);

        using var response = await stranger.GetAsync(saved.Headers.Location);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("emergency");
        body.ShouldNotContain("disposition");
    }

    [Theory]
    [InlineData("/api/assessments")]
    [InlineData("/api/assessments/0190a3c4-0000-7000-8000-000000000000")]
    public async Task Given_no_token_When_reading_own_data_Then_401(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_saved_assessment_When_it_and_the_list_are_read_Then_each_read_is_in_the_audit_log_with_the_reader()
    {
        using var client = await Accounts.SignedInClient(factory);
        using var saved = await Accounts.PostCase(client, Case);
        var id = IdOf(saved);

        using var one = await client.GetAsync(saved.Headers.Location);
        using var list = await client.GetAsync("/api/assessments");

        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var record = await db.SavedAssessments.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(id));
        var reads = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == record.OwnerId && e.Action == AuditAction.Read)
            .ToListAsync();
        reads.Count.ShouldBe(2);
        reads.ShouldContain(e => e.ResourceId == id);
        reads.ShouldAllBe(e => e.ActorId == record.OwnerId);
    }

    [Fact]
    public async Task Given_a_saved_assessment_When_the_host_restarts_on_the_same_database_Then_it_can_still_be_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"backcare-restart-{Guid.NewGuid():N}.db");
        try
        {
            var email = Accounts.NewEmail();
            string location;
            string body;
            await using (var first = BackCareFactory.OnDatabase(path))
            {
                using var client = await Accounts.SignedInClient(first, email);
                using var saved = await Accounts.PostCase(client, Case);
                location = saved.Headers.Location!.ToString();
                body = await saved.Content.ReadAsStringAsync();
            }

            await using var second = BackCareFactory.OnDatabase(path);
            using var again = await Accounts.SignIn(second, email);
            using var read = await again.GetAsync(location);

            read.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await read.Content.ReadAsStringAsync()).ShouldBe(body);
        }
        finally
        {
            BackCareFactory.DeleteDatabase(path);
        }
    }

    private static string IdOf(HttpResponseMessage saved) => saved.Headers.Location!.ToString()["/api/assessments/".Length..];
}
