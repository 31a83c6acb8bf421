using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BackCare.Web.Tests.Booking.Booking;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Hardening;

/// <summary>The three answers of 500 that input could cause (issue 14), each now a 4xx.</summary>
public sealed class InputFaultTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Case = """{"id":"c1","age":41,"findings":{"pain_score":6,"onset_days":2}}""";

    [Theory]
    [InlineData("?from=9999-12-31T23:59:59Z", "from")]
    [InlineData("?from=9999-12-31", "from")]
    [InlineData("?from=9999-12-31T23:00", "from")]
    [InlineData("?from=0001-01-01", "from")]
    [InlineData("?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("?to=0001-01-01T00:00:00Z", "to")]
    [InlineData("?to=9999-12-31T23:59:59Z", "to")]
    [InlineData("?from=9999-12-31T23:59:59-05:00", "from")]
    public async Task Given_a_slot_search_at_the_ends_of_the_calendar_When_listing_Then_400_problem_names_the_parameter_and_nothing_is_logged_as_an_error(
        string query, string parameter)
    {
        using var client = factory.CreateClient();
        var clinicId = (await DemoClinic(client)).GetProperty("id").GetString()!;
        var errorsBefore = Errors().Count;

        using var response = await client.GetAsync($"/api/clinics/{clinicId}/slots{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Json(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
        Errors().Count.ShouldBe(errorsBefore, "no stack trace is logged for a bad query");
    }

    [Theory]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/search?q=✓", "/search?q=%E2%9C%93")]
    [InlineData("/learn/🦴", "/learn/%F0%9F%A6%B4")]
    public async Task Given_a_return_address_with_letters_outside_ASCII_When_signing_in_Then_the_person_is_sent_to_it_percent_encoded(
        string returnUrl, string expected)
    {
        using var browser = new Browser(factory);
        var email = People.NewEmail();
        using (var registered = await People.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await browser.SignIn(email, returnUrl: returnUrl);

        browser.Redirects.ShouldNotBeEmpty();
        browser.Redirects[0].ShouldBe(expected);
        ((int)browser.Response.StatusCode).ShouldBeLessThan(500);
    }

    [Fact]
    public async Task Given_a_return_address_with_letters_outside_ASCII_When_signing_up_Then_the_account_is_made_once_and_the_person_is_sent_to_it_signed_in()
    {
        using var browser = new Browser(factory);
        var email = People.NewEmail();

        await browser.Open("/account/sign-up?returnUrl=" + Uri.EscapeDataString("/é"));
        await browser.Submit(new() { ["displayName"] = "Sam", ["email"] = email, ["password"] = People.Password });
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await browser.SignInAfterSigningUp(email);

        browser.Redirects.ShouldNotBeEmpty();
        browser.Redirects[0].ShouldBe("/%C3%A9");
        (await WithDb(factory, db => db.Accounts.CountAsync(a => a.NormalizedEmail == BackCare.Data.Accounts.Account.NormalizeEmail(email)))).ShouldBe(1);
        await browser.Open("/account");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Address.ShouldBe("/account");
    }

    [Fact]
    public async Task Given_a_deleted_account_s_token_When_it_posts_an_assessment_Then_401_and_nothing_is_stored()
    {
        var (client, id) = await DeletedAccount();
        var before = await RowsHolding(id);

        using var response = await People.PostCase(client, Case);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RowsHolding(id)).ShouldBe(before);
        (await WithDb(factory, db => db.SavedAssessments.CountAsync(a => a.OwnerId == id))).ShouldBe(0);
        Errors().ShouldNotContain(e => e.Exception != null && e.Message.Contains("/api/assessments"));
        client.Dispose();
    }

    [Fact]
    public async Task Given_a_deleted_account_s_token_When_it_books_a_slot_Then_401_and_nothing_is_stored_and_the_slot_stays_free()
    {
        var (client, id) = await DeletedAccount();
        using var anonymous = factory.CreateClient();
        var slotId = await AnyFreeSlot(anonymous, skip: 3);
        var before = await RowsHolding(id);

        using var response = await Book(client, slotId);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RowsHolding(id)).ShouldBe(before);
        (await WithDb(factory, db => db.Appointments.CountAsync(a => a.OwnerId == id))).ShouldBe(0);
        using var someoneElse = await People.SignedInClient(factory);
        using var booked = await Book(someoneElse, slotId);
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, "the slot is still free");
        client.Dispose();
    }

    private List<LoggedEntry> Errors() => [.. factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error)];

    /// <summary>A person who signed in, kept their token and then deleted their account.</summary>
    private async Task<(HttpClient Client, Guid Id)> DeletedAccount()
    {
        var email = People.NewEmail();
        var client = await People.SignedInClient(factory, email);
        var normalized = BackCare.Data.Accounts.Account.NormalizeEmail(email);
        var id = await WithDb(factory, db => db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == normalized).Select(a => a.Id).SingleAsync());
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/account") { Content = JsonContent.Create(new { password = People.Password }) };
        using var deleted = await client.SendAsync(request);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return (client, id);
    }

    private async Task<List<string>> RowsHolding(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        return await BackCare.Data.Tests.Infrastructure.ModelScan.TablesHoldingAsync(db, id);
    }
}
