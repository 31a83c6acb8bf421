using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BackCare.Web.Tests.Accounts;

public sealed class AccountApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_new_email_When_registering_and_signing_in_Then_a_ten_minute_bearer_token_and_a_refresh_token_come_back()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();

        using var registered = await Accounts.Register(client, email);
        using var login = await Accounts.Login(client, email);

        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        body.RootElement.GetProperty("expiresIn").GetInt64().ShouldBe(600);
        body.RootElement.GetProperty("refreshToken").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(43);
        body.RootElement.GetProperty("tokenType").GetString().ShouldBe("Bearer");
    }

    [Theory]
    [InlineData("not-an-email", Accounts.Password, "Sam", "email")]
    [InlineData("", Accounts.Password, "Sam", "email")]
    [InlineData("sam@example.org", "short", "Sam", "password")]
    [InlineData("sam@example.org", Accounts.Password, " ", "displayName")]
    public async Task Given_bad_account_details_When_registering_Then_a_400_problem_names_the_field(
        string email, string password, string displayName, string field)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/account/register", new { email, password, displayName });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_an_email_already_registered_When_someone_registers_it_again_Then_the_answer_is_the_same_as_for_a_new_one_and_the_owner_keeps_the_account()
    {
        using var client = factory.CreateClient();
        var taken = Accounts.NewEmail();
        var fresh = Accounts.NewEmail();
        using (var owner = await Accounts.Register(client, taken))
        {
            owner.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var again = await Accounts.Register(client, "  " + taken.ToUpperInvariant() + " ", "someone else's passphrase");
        using var brandNew = await Accounts.Register(client, fresh, "someone else's passphrase");

        again.StatusCode.ShouldBe(brandNew.StatusCode);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.Headers.Location.ShouldBe(brandNew.Headers.Location);
        again.Content.Headers.ContentType!.ToString().ShouldBe(brandNew.Content.Headers.ContentType!.ToString());
        var againBody = await again.Content.ReadAsStringAsync();
        var newBody = await brandNew.Content.ReadAsStringAsync();
        againBody.Replace(taken, "EMAIL", StringComparison.OrdinalIgnoreCase).ShouldBe(newBody.Replace(fresh, "EMAIL", StringComparison.Ordinal));
        againBody.ShouldNotContain("exists", Case.Insensitive);
        (await Accounts.Login(client, taken)).StatusCode.ShouldBe(HttpStatusCode.OK, "the owner's password still works");
        (await Accounts.Login(client, taken, "someone else's passphrase")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("sam\u200b@example.org", "a zero-width space")]
    [InlineData("s\u00adam@example.org", "a soft hyphen")]
    [InlineData("\uff53am@example.org", "a full-width s")]
    [InlineData("s\u0430m@example.org", "a Cyrillic a")]
    [InlineData("sam@ex\u0430mple.org", "a Cyrillic a in the domain")]
    public async Task Given_an_account_When_a_lookalike_of_its_email_registers_Then_it_is_refused_as_invalid_not_made_a_second_account(string escaped, string lookalike)
    {
        using var client = factory.CreateClient();
        var owner = $"sam{Guid.NewGuid():N}";
        var email = "sam@example.org".Replace("sam", owner, StringComparison.Ordinal);
        var twin = System.Text.RegularExpressions.Regex.Unescape(escaped).Replace("sam", owner, StringComparison.Ordinal);
        using (var first = await Accounts.Register(client, email))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var response = await Accounts.Register(client, twin, "a passphrase of the twin");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, lookalike);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe("Give an email address like name@example.org.");
        (await Accounts.Login(client, twin, "a passphrase of the twin")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_an_email_with_spaces_and_capitals_When_registering_Then_it_signs_in_typed_either_way_and_is_answered_trimmed()
    {
        using var client = factory.CreateClient();
        var local = $"Sam.{Guid.NewGuid():N}";

        using var registered = await Accounts.Register(client, $"  {local}@Example.ORG ");
        using var login = await Accounts.Login(client, $"{local.ToLowerInvariant()}@example.org");

        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await registered.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("email").GetString().ShouldBe($"{local}@Example.ORG");
    }

    [Fact]
    public async Task Given_a_wrong_password_or_unknown_email_When_signing_in_Then_the_same_401_problem_without_a_token()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        using var registered = await Accounts.Register(client, email);

        using var wrongPassword = await Accounts.Login(client, email, "not the password at all");
        using var unknownEmail = await Accounts.Login(client, Accounts.NewEmail());

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknownEmail.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrongBody = await wrongPassword.Content.ReadAsStringAsync();
        wrongBody.ShouldNotContain("accessToken");
        using var wrong = JsonDocument.Parse(wrongBody);
        using var unknown = JsonDocument.Parse(await unknownEmail.Content.ReadAsStringAsync());
        wrong.RootElement.GetProperty("detail").GetString().ShouldBe(unknown.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Given_five_wrong_passwords_from_one_address_When_the_owner_signs_in_from_there_and_from_another_Then_only_the_other_gets_in()
    {
        using var attacker = factory.CreateClient();
        attacker.DefaultRequestHeaders.Add(TestClientAddress.Header, "203.0.113.66");
        using var owner = factory.CreateClient();
        owner.DefaultRequestHeaders.Add(TestClientAddress.Header, "198.51.100.8");
        var email = Accounts.NewEmail();
        using var registered = await Accounts.Register(owner, email);
        string wrongDetail = "";
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Accounts.Login(attacker, email, "not the password at all");
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            wrongDetail = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        }

        using var fromAttacker = await Accounts.Login(attacker, email);
        using var fromOwner = await Accounts.Login(owner, email);

        fromAttacker.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var body = JsonDocument.Parse(await fromAttacker.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("detail").GetString().ShouldBe(wrongDetail, "waiting is told in the words of a wrong password");
        body.RootElement.TryGetProperty("accessToken", out _).ShouldBeFalse();
        fromOwner.StatusCode.ShouldBe(HttpStatusCode.OK, "a stranger's guesses elsewhere do not lock the owner out");
    }

    [Fact]
    public async Task Given_a_wrong_password_When_signing_in_Then_a_warning_is_logged_with_the_address_but_neither_the_password_nor_the_email()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "203.0.113.77");
        var email = Accounts.NewEmail();
        using var registered = await Accounts.Register(client, email);
        const string guess = "my very secret guess 99";

        using var wrong = await Accounts.Login(client, email, guess);

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var warnings = factory.Logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.StartsWith("Sign-in refused", StringComparison.Ordinal)).ToList();
        warnings.ShouldContain(e => e.Message.Contains("203.0.113.77", StringComparison.Ordinal));
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains(guess, StringComparison.Ordinal));
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Given_a_made_up_bearer_token_When_listing_assessments_Then_401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "made-up-token");

        using var response = await client.GetAsync("/api/assessments");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
