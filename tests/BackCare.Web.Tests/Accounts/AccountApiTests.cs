using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BackCare.Web.Tests.Accounts;

public sealed class AccountApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_new_email_When_registering_and_signing_in_Then_a_bearer_token_and_its_lifetime_come_back()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();

        using var registered = await Accounts.Register(client, email);
        using var login = await Accounts.Login(client, email);

        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        body.RootElement.GetProperty("expiresIn").GetInt64().ShouldBe(3600);
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
    public async Task Given_an_email_already_registered_When_registering_it_again_in_other_case_Then_409_problem()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        using var first = await Accounts.Register(client, email);

        using var second = await Accounts.Register(client, email.ToUpperInvariant());

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
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
    public async Task Given_five_wrong_passwords_When_the_right_one_follows_Then_401_says_the_account_is_locked()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        using var registered = await Accounts.Register(client, email);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Accounts.Login(client, email, "not the password at all");
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var right = await Accounts.Login(client, email);

        right.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var body = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("detail").GetString()!.ShouldContain("locked");
        body.RootElement.TryGetProperty("accessToken", out _).ShouldBeFalse();
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
