using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

/// <summary>The same password rules on the account API and the sign-up page, in the words of the content file.</summary>
public sealed class PasswordRulesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Email = "robin.example@example.org";

    public static TheoryData<string, string> WeakPasswords => new()
    {
        { "          ", "at least 12 characters" },
        { "   short words   ", "at least 12 characters" },
        { "1234567890", "at least 12 characters" },
        { "password12", "at least 12 characters" },
        { "password1234", "one of the most common" },
        { "Password1234!", "one of the most common" },
        { "baseball1234567", "one of the most common" },
        { "ｑｗｅｒｔｙｕｉｏｐ12", "one of the most common" },
        { Email, "cannot be your email address" },
        { " ROBIN.EXAMPLE@example.org ", "cannot be your email address" },
        { new string('x', 129), "at most 128 characters" },
        { new string('ﬃ', 50), "at most 128 characters" },
    };

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task Given_a_weak_password_When_registering_through_the_API_Then_a_400_problem_says_why_in_plain_words(string password, string words)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/account/register", new { email = Email, password, displayName = "Robin" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["password"], "only the password was wrong");
        errors.GetProperty("password")[0].GetString()!.ShouldContain(words);
        (await Accounts.Login(client, Email, password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no account was made");
    }

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task Given_a_weak_password_When_signing_up_on_the_page_Then_the_page_says_why_and_keeps_the_name_and_email(string password, string words)
    {
        using var browser = new Browser(factory);

        await browser.SignUp(Email, password, displayName: "Robin Example");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Address.ShouldStartWith("/account/sign-up");
        browser.Document.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#password");
        browser.Document.QuerySelector("#password-error")!.TextContent.ShouldContain(words);
        browser.Document.QuerySelector("#email")!.GetAttribute("value").ShouldBe(Email);
        browser.Document.QuerySelector("#displayName")!.GetAttribute("value").ShouldBe("Robin Example");
        browser.Document.QuerySelector("#email-error").ShouldBeNull();
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("staple   rhubarb   lantern")]
    [InlineData("ünïcødé ŵörds gälöre")]
    public async Task Given_a_good_passphrase_When_registering_Then_the_account_is_made_and_signs_in(string password)
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();

        using var registered = await Accounts.Register(client, email, password);
        using var login = await Accounts.Login(client, email, password);

        ((int)registered.StatusCode).ShouldBeLessThan(300);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_password_chosen_with_composed_letters_When_it_is_typed_with_decomposed_ones_Then_it_signs_in()
    {
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        const string composed = "caf\u00e9 au lait sans sucre";
        const string fullWidth = "ｃａｆé au lait sans sucre";

        using var registered = await Accounts.Register(client, email, composed);
        using var decomposedLogin = await Accounts.Login(client, email, "cafe\u0301 au lait sans sucre");
        using var fullWidthLogin = await Accounts.Login(client, email, fullWidth);

        decomposedLogin.StatusCode.ShouldBe(HttpStatusCode.OK);
        fullWidthLogin.StatusCode.ShouldBe(HttpStatusCode.OK, "NFKC makes full-width letters the ordinary ones");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("ｆｕｌｌ ｗｉｄｔｈ")]
    public async Task Given_an_account_whose_hash_was_made_before_these_rules_When_its_owner_signs_in_Then_the_old_password_still_works(string oldPassword)
    {
        var email = Accounts.NewEmail();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
            var account = new Account(email, "Old Timer", AccountRole.Patient);
            account.SetPasswordHash(hasher.HashPassword(account, oldPassword));
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        using var client = factory.CreateClient();
        using var first = await Accounts.Login(client, email, oldPassword);
        using var second = await Accounts.Login(client, email, oldPassword);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK, "the hash made again on sign-in still matches");
    }

    [Theory]
    [InlineData("letmein", true)]
    [InlineData("LetMeIn2024!!", true)]
    [InlineData("let me in", true)]
    [InlineData("letmein-please-now", false)]
    [InlineData("9letmein", false)]
    public void Given_the_common_list_When_a_password_is_checked_Then_only_listed_ones_and_their_digit_endings_count(string password, bool common) =>
        PasswordRules.IsCommon(password).ShouldBe(common);
}
