using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Tests;
using BackCare.Web.Tests.Clinician;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// Two-step sign-in with an authenticator app: setting it up on the page, signing in with a code on the pages and
/// through the API, recovery codes, wrong codes counted in the sign-in waits, the second step's ticket, turning it off,
/// and clinicians and administrators held at the set-up until it is on.
/// </summary>
public sealed class TwoStepTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_patient_on_the_set_up_page_When_they_type_a_wrong_code_and_then_the_one_their_app_shows_Then_it_is_on_with_ten_recovery_codes_shown_once_and_they_stay_signed_in_here_only()
    {
        var email = await PatientAsync();
        using var elsewhere = new Browser(factory);
        await elsewhere.SignIn(email);
        using var browser = new Browser(factory);
        await browser.SignIn(email);

        await browser.Open("/account/two-step");
        var key = browser.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        key.Length.ShouldBe(32, "160 bits in base 32");
        browser.Document.QuerySelector(".authenticator-key")!.TextContent.Split(' ').ShouldAllBe(group => group.Length == 4);
        browser.Document.QuerySelector(".authenticator-uri")!.TextContent
            .ShouldBe($"otpauth://totp/BackCare:{Uri.EscapeDataString(email)}?secret={key}&issuer=BackCare");

        await browser.Submit(new() { ["code"] = Totp.WrongCode(key), ["password"] = Accounts.Password });
        browser.Document.QuerySelector("#code-error")!.TextContent.ShouldContain("That code does not match");
        browser.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal)
            .ShouldBe(key, "the key in the person's app stays the one to confirm");
        (await AccountAsync(email)).TwoFactorEnabled.ShouldBeFalse();

        await browser.Submit(new() { ["code"] = Totp.NextCode(key), ["password"] = Accounts.Password });

        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Two-step sign-in is on");
        var codes = browser.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        var account = await AccountAsync(email);
        account.TwoFactorEnabled.ShouldBeTrue();
        account.AuthenticatorKey.ShouldNotBeNull().ShouldNotContain(key, Case.Insensitive);
        codes.ShouldAllBe(code => !account.RecoveryCodeHashes!.Contains(code, StringComparison.OrdinalIgnoreCase));

        await browser.Open("/account/two-step");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, "this device is still signed in");
        browser.Text.ShouldContain("You have 10 of 10 recovery codes left.");
        codes.ShouldAllBe(code => !browser.Text.Contains(code, StringComparison.Ordinal), "the codes are shown once");
        await elsewhere.Open("/account");
        elsewhere.Address.ShouldStartWith("/account/sign-in", customMessage: "the other device was signed out");
        (await EventsAsync(account.Id)).ShouldContain(AccountEventKind.TwoFactorEnabled);
        (await MailToAsync(email, "Two-step sign-in is now on")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_two_steps_on_When_signing_in_on_the_page_Then_the_password_alone_opens_nothing_a_wrong_code_is_refused_and_the_right_one_signs_in()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var browser = new Browser(factory);

        await browser.SignIn(email, returnUrl: "/diary/new");
        browser.Address.ShouldBe("/account/sign-in/code");
        browser.SignInCookie.ShouldBeNull("no session before the code");
        using (var anonymous = await browser.Client.GetAsync("/api/account/export"))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await browser.Submit(new() { ["code"] = Totp.WrongCode(key) });
        browser.Address.ShouldBe("/account/sign-in/code");
        browser.Document.QuerySelector("#code-error")!.TextContent.ShouldContain("That code is not right");
        browser.SignInCookie.ShouldBeNull();

        await browser.Submit(new() { ["code"] = Totp.NextCode(key) });

        browser.Address.ShouldBe("/diary/new");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var account = await AccountAsync(email);
        var events = await EventsAsync(account.Id);
        events.ShouldContain(AccountEventKind.TwoStepCodeFailed);
        events.ShouldContain(AccountEventKind.SignedIn);
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AccountSessions.SingleAsync(s => s.AccountId == account.Id))
            .TwoStep.ShouldBeTrue();
    }

    [Fact]
    public async Task Given_two_steps_on_When_signing_in_through_the_API_Then_the_password_gets_a_two_factor_token_and_the_code_gets_the_tokens()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var client = factory.CreateClient();

        using var login = await Accounts.Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        login.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();
        problem.RootElement.TryGetProperty("accessToken", out _).ShouldBeFalse();
        var token = problem.RootElement.GetProperty("twoFactorToken").GetString()!;

        using var wrong = await TwoStepSignIn.SecondStep(client, token, Totp.WrongCode(key));
        using var right = await TwoStepSignIn.SecondStep(client, token, Totp.NextCode(key));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("That code is not right");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var tokens = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        tokens.RootElement.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        tokens.RootElement.GetProperty("refreshToken").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Given_a_code_that_signed_in_When_someone_gives_the_same_code_again_Then_it_is_refused_though_still_within_its_time_and_the_apps_next_code_works()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var client = factory.CreateClient();
        var seen = Totp.NextCode(key);

        using var first = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), seen);
        using var again = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), seen);
        using var next = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), Totp.NextCode(key));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a code works once, even inside its 90 seconds");
        (await again.Content.ReadAsStringAsync()).ShouldContain("That code is not right");
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_wrong_codes_after_the_right_password_When_the_fifth_comes_even_with_the_password_given_again_between_Then_the_client_waits_even_with_the_right_code_and_another_does_not()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var here = ClientFrom("203.0.113.40");

        var token = await TwoStepSignIn.FirstStepAsync(here, email);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await TwoStepSignIn.SecondStep(here, token, Totp.WrongCode(key));
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        token = await TwoStepSignIn.FirstStepAsync(here, email);
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await TwoStepSignIn.SecondStep(here, token, Totp.WrongCode(key));
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var refused = await TwoStepSignIn.SecondStep(here, token, Totp.NextCode(key));
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Too many wrong codes or passwords from here");

        using var there = ClientFrom("198.51.100.41");
        using var elsewhere = await TwoStepSignIn.SecondStep(there, await TwoStepSignIn.FirstStepAsync(there, email), Totp.NextCode(key));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK, "the owner elsewhere is not held up");
        var events = await EventsAsync((await AccountAsync(email)).Id);
        events.Count(k => k == AccountEventKind.TwoStepCodeFailed).ShouldBe(5);
        events.ShouldContain(AccountEventKind.SignInThrottled);
    }

    [Fact]
    public async Task Given_a_recovery_code_When_it_is_used_to_sign_in_Then_it_works_once_in_any_case_and_the_others_still_work()
    {
        var email = await PatientAsync();
        var (_, codes) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var client = factory.CreateClient();

        using var first = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), codes[0].ToLowerInvariant());
        using var again = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), codes[0]);
        using var another = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), codes[1]);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        another.StatusCode.ShouldBe(HttpStatusCode.OK);
        var account = await AccountAsync(email);
        account.RecoveryCodeHashes!.Split(' ').Length.ShouldBe(8);
        (await EventsAsync(account.Id)).Count(k => k == AccountEventKind.RecoveryCodeUsed).ShouldBe(2);
    }

    [Fact]
    public async Task Given_a_second_step_token_that_was_altered_made_up_or_of_a_password_changed_since_When_used_Then_it_is_refused()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var client = factory.CreateClient();
        var token = await TwoStepSignIn.FirstStepAsync(client, email);
        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        using var tampered = await TwoStepSignIn.SecondStep(client, altered, Totp.NextCode(key));
        using var madeUp = await TwoStepSignIn.SecondStep(client, "not-a-token", Totp.NextCode(key));
        tampered.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        madeUp.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await tampered.Content.ReadAsStringAsync()).ShouldContain("Please sign in again");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
            (await db.Accounts.SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email))).RenewSecurityStamp();
            await db.SaveChangesAsync();
        }

        using var stale = await TwoStepSignIn.SecondStep(client, token, Totp.NextCode(key));
        stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Please sign in again");
    }

    [Fact]
    public async Task Given_a_second_step_begun_more_than_five_minutes_ago_When_the_code_comes_on_the_page_or_the_API_Then_the_person_starts_again()
    {
        var clock = new MovableClock();
        using var host = BackCareFactory.WithClock(clock);
        using var client = host.CreateClient();
        var email = Accounts.NewEmail();
        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (key, _) = await TwoStepSignIn.TurnOnAsync(host, email);
        var token = await TwoStepSignIn.FirstStepAsync(client, email);
        using var browser = new Browser(host);
        await browser.SignIn(email);
        browser.Address.ShouldBe("/account/sign-in/code");

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var late = await TwoStepSignIn.SecondStep(client, token, Totp.NextCode(key));
        await browser.Submit(new() { ["code"] = Totp.NextCode(key) });

        late.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await late.Content.ReadAsStringAsync()).ShouldContain("Please sign in again");
        browser.Address.ShouldBe("/account/sign-in?changed=code");
        browser.Text.ShouldContain("Signing in took too long");
        browser.SignInCookie.ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_tampered_ticket_cookie_When_the_code_page_is_posted_Then_the_person_is_sent_back_to_the_password()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var browser = new Browser(factory);
        await browser.SignIn(email);
        var antiforgery = browser.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var cookies = string.Join("; ", browser.SetCookies.Where(c => !c.StartsWith("BackCare.TwoStep=", StringComparison.Ordinal)).Append("BackCare.TwoStep=forged"));
        using var forger = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = BackCareFactory.HttpsBase, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in/code")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = Totp.NextCode(key), ["__RequestVerificationToken"] = antiforgery }),
        };
        request.Headers.Add("Cookie", cookies);

        using var response = await forger.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/sign-in?changed=code");
        response.Headers.TryGetValues("Set-Cookie", out var set);
        (set ?? []).ShouldNotContain(c => c.StartsWith("BackCare.SignIn=", StringComparison.Ordinal) && !c.StartsWith("BackCare.SignIn=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_two_steps_on_When_turning_them_off_Then_a_wrong_password_changes_nothing_and_the_right_one_turns_them_off()
    {
        var email = await PatientAsync();
        var (key, _) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var browser = new Browser(factory);
        await browser.SignInWithCode(email, key);
        await browser.Open("/account/two-step");

        await browser.Submit(new() { ["offPassword"] = "not my password at all" }, "main form[action*=Off]");
        browser.Document.QuerySelector("#offPassword-error")!.TextContent.ShouldContain("The password is wrong");
        (await AccountAsync(email)).TwoFactorEnabled.ShouldBeTrue();

        await browser.Submit(new() { ["offPassword"] = Accounts.Password }, "main form[action*=Off]");

        browser.Address.ShouldBe("/account/two-step?changed=off");
        browser.Text.ShouldContain("Two-step sign-in is off.");
        var account = await AccountAsync(email);
        (account.TwoFactorEnabled, account.AuthenticatorKey, account.RecoveryCodeHashes).ShouldBe((false, null, null));
        (await EventsAsync(account.Id)).ShouldContain(AccountEventKind.TwoFactorDisabled);
        using var client = factory.CreateClient();
        using var login = await Accounts.Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, "the password alone signs in again");
    }

    [Fact]
    public async Task Given_two_steps_on_When_the_person_makes_new_recovery_codes_with_their_password_Then_the_old_ones_stop_working_and_the_security_page_says_it_is_on()
    {
        var email = await PatientAsync();
        var (key, old) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var browser = new Browser(factory);
        await browser.SignInWithCode(email, key);
        await browser.Open("/account/security");
        browser.Text.ShouldContain("On: you sign in with your password and a code");
        await browser.FollowLink("Manage two-step sign-in");

        await browser.Submit(new() { ["codesPassword"] = Accounts.Password }, "main form[action*=Codes]");

        var fresh = browser.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        fresh.Count.ShouldBe(10);
        fresh.ShouldNotContain(old[0]);
        using var client = factory.CreateClient();
        using (var stale = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), old[0]))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var current = await TwoStepSignIn.SecondStep(client, await TwoStepSignIn.FirstStepAsync(client, email), fresh[0]);
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_clinician_without_two_steps_When_they_sign_in_Then_they_are_sent_to_set_up_and_the_clinic_opens_only_once_it_is_on()
    {
        var clinic = await ClinicWorld.AddClinicAsync(factory);
        var email = Accounts.NewEmail();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterClinicianAsync(email, Accounts.Password, "Dr. Ada Moss", clinic)).Succeeded.ShouldBeTrue();
        }

        using var browser = new Browser(factory);
        await browser.SignIn(email, returnUrl: "/clinic");
        browser.Address.ShouldBe("/account/two-step?returnUrl=%2Fclinic");
        browser.Text.ShouldContain("must use two-step sign-in");
        await browser.Open("/clinic/inbox");
        browser.Address.ShouldBe("/account/two-step?returnUrl=%2Fclinic%2Finbox", "nothing of the clinic opens before");

        var key = browser.Document.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        await browser.Submit(new() { ["code"] = Totp.NextCode(key), ["password"] = Accounts.Password });
        browser.Document.QuerySelectorAll(".recovery-codes code").Length.ShouldBe(10);
        await browser.FollowLink("I have kept my recovery codes");

        browser.Address.ShouldBe("/clinic/inbox");
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_an_administrator_signed_in_with_the_password_alone_When_they_call_the_admin_API_Then_403_says_two_step_sign_in_is_required()
    {
        var email = Accounts.NewEmail();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>()
                .RegisterAsync(email, Accounts.Password, "Ada Admin", AccountRole.Administrator)).Succeeded.ShouldBeTrue();
        }

        using var admin = await Accounts.SignIn(factory, email);
        using var response = await admin.PostAsJsonAsync("/api/admin/clinicians",
            new { email = Accounts.NewEmail(), password = Accounts.Password, displayName = "Dr Lee", clinicId = await ClinicWorld.AddClinicAsync(factory) });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("twoStepRequired").GetBoolean().ShouldBeTrue();
        problem.RootElement.GetProperty("detail").GetString()!.ShouldContain("/account/two-step");
    }

    [Fact]
    public async Task Given_two_steps_on_When_the_person_downloads_their_data_Then_neither_the_key_nor_the_recovery_codes_are_in_it()
    {
        var email = await PatientAsync();
        var (key, codes) = await TwoStepSignIn.TurnOnAsync(factory, email);
        using var client = await TwoStepSignIn.SignedInClientAsync(factory, email, key);

        var export = await client.GetStringAsync("/api/account/export");

        using var document = JsonDocument.Parse(export);
        var account = document.RootElement.GetProperty("account");
        account.GetProperty("twoFactorEnabled").GetBoolean().ShouldBeTrue();
        account.TryGetProperty("authenticatorKey", out _).ShouldBeFalse();
        account.TryGetProperty("recoveryCodeHashes", out _).ShouldBeFalse();
        export.ShouldNotContain(key);
        var stored = await AccountAsync(email);
        export.ShouldNotContain(stored.AuthenticatorKey!);
        export.ShouldNotContain(stored.RecoveryCodeHashes!.Split(' ')[0]);
        codes.ShouldAllBe(code => !export.Contains(code, StringComparison.Ordinal));
    }

    private async Task<string> PatientAsync()
    {
        var email = Accounts.NewEmail();
        using var client = factory.CreateClient();
        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return email;
    }

    private HttpClient ClientFrom(string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private async Task<Account> AccountAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts.AsNoTracking()
            .SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email));
    }

    private async Task<List<AccountEventKind>> EventsAsync(Guid accountId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AccountEvents
            .Where(e => e.AccountId == accountId).Select(e => e.Kind).ToListAsync();
    }

    /// <summary>The message with this subject to this address in the host's pickup folder, waiting for the background sender.</summary>
    private async Task<MimeMessage?> MailToAsync(string address, string subject)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            foreach (var file in Directory.Exists(factory.PickupFolder) ? Directory.GetFiles(factory.PickupFolder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.Subject == subject && message.To.Mailboxes.Any(m => m.Address == address))
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>A clock that starts at the real time (authenticator codes follow the real one) and that the test moves on.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _ahead;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _ahead;

        public void Advance(TimeSpan by) => _ahead += by;
    }
}
