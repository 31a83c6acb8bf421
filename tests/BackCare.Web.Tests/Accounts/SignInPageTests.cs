using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

public sealed class SignInPageTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_new_person_When_they_sign_up_on_the_page_Then_they_are_signed_in_and_the_header_says_so_until_they_sign_out()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();

        await browser.SignUp(email, displayName: "Robin Example");

        browser.Address.ShouldBe("/account");
        browser.Document.QuerySelector(".account-status")!.TextContent.ShouldContain("Signed in as Robin Example");
        browser.Text.ShouldContain(email);

        await browser.Submit([], ".account-status form");

        browser.Address.ShouldStartWith("/?");
        browser.Document.QuerySelector(".account-status")!.TextContent.ShouldContain("Sign in");
        await browser.Open("/account");
        browser.Redirects.ShouldNotBeEmpty();
        browser.Address.ShouldStartWith("/account/sign-in");
    }

    [Fact]
    public async Task Given_a_sign_in_When_the_cookie_is_set_Then_it_is_HttpOnly_SameSite_Lax_and_a_session_cookie()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await browser.Open("/account/sign-in");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = Accounts.Password,
            ["__RequestVerificationToken"] = browser.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        using var response = await browser.Client.PostAsync("/account/sign-in", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-BackCare.SignIn=", StringComparison.Ordinal));
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=lax", Case.Insensitive);
        setCookie.ShouldNotContain("expires=", Case.Insensitive);
    }

    [Fact]
    public async Task Given_a_wrong_password_When_signing_in_on_the_page_Then_the_error_is_summarised_at_the_top_and_by_the_field_and_no_one_is_signed_in()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await browser.SignIn(email, "not the password at all");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.Title!.ShouldStartWith("Error: ");
        var summary = browser.Document.QuerySelector(".error-summary")!;
        summary.QuerySelector("a")!.GetAttribute("href").ShouldBe("#email");
        summary.TextContent.ShouldContain("That email and password do not match.");
        browser.Document.QuerySelector("#email-error")!.TextContent.ShouldContain("That email and password do not match.");
        browser.Document.QuerySelector("#email")!.GetAttribute("aria-describedby").ShouldBe("email-error");
        browser.Document.QuerySelector("#password")!.GetAttribute("value").ShouldBeNull();
        browser.Document.QuerySelector(".account-status")!.TextContent.ShouldNotContain("Signed in");
    }

    [Fact]
    public async Task Given_five_wrong_passwords_on_the_page_When_the_right_one_follows_Then_it_is_refused_in_the_words_of_a_wrong_password_and_of_the_API()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            await browser.SignIn(email, "not the password at all");
        }

        var wrongPassword = browser.Document.QuerySelector("#email-error")!.TextContent;
        await browser.SignIn(email);

        var message = browser.Document.QuerySelector("#email-error")!.TextContent;
        message.ShouldBe(wrongPassword);
        message.ShouldNotContain("locked");
        browser.Address.ShouldStartWith("/account/sign-in");
        using var api = await Accounts.Login(browser.Client, email);
        using var body = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        message.ShouldContain(body.RootElement.GetProperty("detail").GetString()!);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("http:/evil.example")]
    public async Task Given_a_return_address_on_another_site_When_signing_in_Then_it_is_refused_and_the_person_lands_on_their_account(string returnUrl)
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await browser.SignIn(email, returnUrl: returnUrl);

        browser.Redirects.ShouldNotBeEmpty();
        browser.Redirects[0].ShouldBe("/account");
        browser.Redirects.ShouldAllBe(r => r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal));
        browser.Address.ShouldBe("/account");
    }

    [Fact]
    public async Task Given_a_page_that_needs_sign_in_When_opened_signed_out_Then_the_sign_in_page_brings_the_person_back_to_it()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await browser.Open("/account");
        browser.Address.ShouldBe("/account/sign-in?returnUrl=%2Faccount");
        await browser.Submit(new() { ["email"] = email, ["password"] = Accounts.Password });

        browser.Address.ShouldBe("/account");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/assessments")]
    [InlineData("/api/diary")]
    public async Task Given_no_sign_in_When_a_browser_calls_the_API_Then_401_problem_and_never_a_redirect(string path)
    {
        using var browser = new Browser(factory);

        using var response = await browser.Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_a_cookie_sign_in_When_the_browser_calls_the_API_Then_the_cookie_is_accepted_like_a_token()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.NewEmail());

        using var response = await browser.Client.GetAsync("/api/assessments");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task Given_a_signed_in_person_When_signing_out_without_the_antiforgery_token_Then_it_is_refused_and_they_stay_signed_in()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.NewEmail());

        await browser.Post("/account/sign-out", []);

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await browser.Open("/account");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Redirects.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_bad_details_When_signing_up_on_the_page_Then_each_error_is_by_its_field_and_in_the_summary_and_the_typed_values_stay()
    {
        using var browser = new Browser(factory);
        await browser.Open("/account/sign-up");

        await browser.Submit(new() { ["displayName"] = " ", ["email"] = "not-an-email", ["password"] = "short" });

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["#displayName", "#email", "#password"]);
        browser.Document.QuerySelector("#displayName-error").ShouldNotBeNull();
        browser.Document.QuerySelector("#email-error").ShouldNotBeNull();
        browser.Document.QuerySelector("#password-error")!.TextContent.ShouldContain("at least 12 characters");
        browser.Document.QuerySelector("#email")!.GetAttribute("value").ShouldBe("not-an-email");
    }

    [Fact]
    public async Task Given_an_administrator_When_making_a_clinician_through_the_API_Then_the_clinician_signs_in_with_their_clinic_and_a_patient_may_not_do_the_same()
    {
        // The first administrator is made on the server (as an operator would), not through the web.
        var (adminEmail, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        using var admin = await TwoStepSignIn.SignedInClientAsync(factory, adminEmail, key);
        using var patient = await Accounts.SignedInClient(factory);
        var clinic = (await Booking.Booking.DemoClinic(admin)).GetProperty("id").GetGuid();
        var clinicianEmail = Accounts.NewEmail();
        var request = new { email = clinicianEmail, password = Accounts.Password, displayName = "Dr Lee", clinicId = clinic };

        using var refused = await patient.PostAsJsonAsync("/api/admin/clinicians", request);
        using var made = await admin.PostAsJsonAsync("/api/admin/clinicians", request);
        using var anonymous = await factory.CreateClient().PostAsJsonAsync("/api/admin/clinicians", request);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("clinicId").GetGuid().ShouldBe(clinic);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var signIn = await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync(clinicianEmail, Accounts.Password, client: null);
            (signIn.Account!.Role, signIn.Account.ClinicId).ShouldBe((AccountRole.Clinician, clinic));
        }
    }

    [Fact]
    public async Task Given_an_administrator_When_making_a_clinician_on_the_admin_page_Then_it_is_listed_and_a_patient_cannot_open_the_page()
    {
        var (adminEmail, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        using var admin = new Browser(factory);
        await admin.SignInWithCode(adminEmail, key, returnUrl: "/admin/clinicians");
        admin.Address.ShouldBe("/admin/clinicians");
        var clinic = (await Booking.Booking.DemoClinic(admin.Client)).GetProperty("id").GetGuid();
        await admin.Submit(new() { ["displayName"] = "Dr Page", ["email"] = Accounts.NewEmail(), ["password"] = Accounts.Password, ["clinicId"] = clinic.ToString() });

        admin.Text.ShouldContain("The account for Dr Page is made.");
        admin.Document.QuerySelector("table.records")!.TextContent.ShouldContain((await Booking.Booking.DemoClinic(admin.Client)).GetProperty("name").GetString()!);

        using var patient = new Browser(factory);
        await patient.SignUp(Accounts.NewEmail());
        await patient.Open("/admin/clinicians");
        patient.Address.ShouldStartWith("/account/denied");
    }
}
