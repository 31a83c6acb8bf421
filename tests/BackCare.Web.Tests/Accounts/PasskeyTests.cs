using System.Net;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Tests.Recovery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// Passkeys through the pages, with a passkey made in software: adding one needs the password; signing in with one
/// needs this site's challenge signed by the registered key, on this site, with the person checked by the device; and
/// each thing an attacker could send instead is refused without a session.
/// </summary>
public sealed class PasskeyTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_signed_in_patient_When_they_add_a_passkey_with_their_password_Then_it_alone_signs_them_in_as_two_steps_and_the_history_shows_both()
    {
        var email = await PatientAsync();
        using var passkey = new SoftwarePasskey();
        using var browser = new Browser(factory);
        await browser.SignIn(email);

        await AddAsync(browser, passkey, name: "Kitchen tablet\u0007");

        browser.Address.ShouldBe("/account/passkeys?done=added");
        browser.Text.ShouldContain("Kitchen tablet");
        var account = await AccountAsync(email);
        var stored = await StoredAsync(account.Id);
        stored.ShouldHaveSingleItem().Name.ShouldBe("Kitchen tablet", "control characters are dropped from the name");
        stored[0].CredentialId.ShouldBe(passkey.CredentialId);

        using var elsewhere = new Browser(factory);
        await SignInWithAsync(elsewhere, passkey);

        elsewhere.Address.ShouldBe("/account");
        elsewhere.SignInCookie.ShouldNotBeNull();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.AccountSessions.Where(s => s.AccountId == account.Id).OrderBy(s => s.StartedUtc).LastAsync()).TwoStep
            .ShouldBeTrue("the device checked the person, so the passkey is two factors");
        var used = (await StoredAsync(account.Id)).Single();
        used.SignCount.ShouldBe(2, "the counter the device reported is kept");
        used.LastUsedUtc.ShouldNotBeNull();
        var events = await db.AccountEvents.Where(e => e.AccountId == account.Id).Select(e => e.Kind).ToListAsync();
        events.ShouldContain(AccountEventKind.PasskeyAdded);
        events.ShouldContain(AccountEventKind.SignedInWithPasskey);
    }

    [Fact]
    public async Task Given_a_signed_in_session_When_it_tries_to_add_a_passkey_with_a_wrong_password_Then_no_options_are_given_and_the_wrong_password_counts()
    {
        var email = await PatientAsync();
        using var browser = new Browser(factory);
        await browser.SignIn(email);
        await browser.Open("/account/passkeys");

        await browser.Submit(new() { ["name"] = "thief's key", ["password"] = "not the password at all" }, "form[action*='handler=Start']");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.QuerySelector("#password-error")!.TextContent.ShouldContain("The password is wrong. No passkey has been added.");
        browser.Document.QuerySelector("[data-passkey=create]").ShouldBeNull();
        var account = await AccountAsync(email);
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AccountEvents
            .CountAsync(e => e.AccountId == account.Id && e.Kind == AccountEventKind.SignInFailed)).ShouldBe(1);
    }

    [Fact]
    public async Task Given_a_passkey_answer_signed_for_another_site_When_it_is_sent_to_add_or_to_sign_in_Then_it_is_refused()
    {
        var email = await PatientAsync();
        using var phishing = new SoftwarePasskey { Origin = "https://backcare-login.example" };
        using var browser = new Browser(factory);
        await browser.SignIn(email);

        await AddAsync(browser, phishing);

        browser.Address.ShouldStartWith("/account/passkeys?handler=Add");
        browser.Text.ShouldContain("The passkey was not added");
        (await StoredAsync((await AccountAsync(email)).Id)).ShouldBeEmpty();

        using var honest = new SoftwarePasskey();
        await AddAsync(browser, honest);
        browser.Address.ShouldBe("/account/passkeys?done=added");
        honest.Origin = "https://backcare-login.example";
        using var stranger = new Browser(factory);
        await SignInWithAsync(stranger, honest);
        stranger.Address.ShouldStartWith("/account/sign-in");
        stranger.SignInCookie.ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_device_that_did_not_check_the_person_When_its_passkey_is_used_Then_it_does_not_sign_in()
    {
        var email = await PatientAsync();
        using var passkey = new SoftwarePasskey();
        using var browser = new Browser(factory);
        await browser.SignIn(email);
        await AddAsync(browser, passkey);
        browser.Address.ShouldBe("/account/passkeys?done=added");

        passkey.VerifiesUser = false;
        using var stranger = new Browser(factory);
        await SignInWithAsync(stranger, passkey);

        stranger.Address.ShouldStartWith("/account/sign-in");
        stranger.SignInCookie.ShouldBeNull();
        stranger.Document.QuerySelector(".error-summary").ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_a_signed_passkey_answer_When_it_is_sent_a_second_time_Then_the_second_does_not_sign_in()
    {
        var email = await PatientAsync();
        using var passkey = new SoftwarePasskey();
        using var browser = new Browser(factory);
        await browser.SignIn(email);
        await AddAsync(browser, passkey);

        using var first = new Browser(factory);
        await first.Open("/account/sign-in");
        var fields = PasskeyFields(first, passkey.Get(Options(first, "get")));
        await first.Post("/account/sign-in?handler=Passkey", fields);
        first.Address.ShouldBe("/account");

        using var replay = new Browser(factory);
        await replay.Open("/account/sign-in");
        fields["__RequestVerificationToken"] = Token(replay);
        await replay.Post("/account/sign-in?handler=Passkey", fields);

        replay.Address.ShouldStartWith("/account/sign-in");
        replay.SignInCookie.ShouldBeNull("the device's counter did not move on");
    }

    [Fact]
    public async Task Given_the_state_of_one_persons_ceremony_When_another_account_sends_it_with_their_own_key_Then_no_passkey_is_added()
    {
        var victim = await PatientAsync();
        var attacker = await PatientAsync();
        using var victimBrowser = new Browser(factory);
        await victimBrowser.SignIn(victim);
        await victimBrowser.Open("/account/passkeys");
        await victimBrowser.Submit(new() { ["password"] = Accounts.Password }, "form[action*='handler=Start']");
        var victimState = victimBrowser.Document.QuerySelector("input[name=state]")!.GetAttribute("value")!;
        var victimOptions = Options(victimBrowser, "create");

        using var attackerBrowser = new Browser(factory);
        await attackerBrowser.SignIn(attacker);
        await attackerBrowser.Open("/account/passkeys");
        using var key = new SoftwarePasskey();
        await attackerBrowser.Post("/account/passkeys?handler=Add", new()
        {
            ["__RequestVerificationToken"] = Token(attackerBrowser),
            ["credential"] = key.Create(victimOptions),
            ["state"] = victimState,
        });

        attackerBrowser.Text.ShouldContain("The passkey was not added");
        (await StoredAsync((await AccountAsync(attacker)).Id)).ShouldBeEmpty();
        (await StoredAsync((await AccountAsync(victim)).Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_sign_in_page_left_open_past_five_minutes_When_its_passkey_answer_arrives_Then_it_is_refused_and_a_fresh_challenge_is_offered()
    {
        var clock = new ManualClock();
        using var host = BackCareFactory.WithClock(clock);
        var email = Accounts.NewEmail();
        using (var client = host.CreateClient())
        {
            (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var passkey = new SoftwarePasskey();
        using var browser = new Browser(host);
        await browser.SignIn(email);
        await AddAsync(browser, passkey);
        browser.Address.ShouldBe("/account/passkeys?done=added");

        using var late = new Browser(host);
        await late.Open("/account/sign-in");
        var options = Options(late, "get");
        var fields = PasskeyFields(late, passkey.Get(options));
        clock.Advance(TimeSpan.FromMinutes(6));
        await late.Post("/account/sign-in?handler=Passkey", fields);

        late.SignInCookie.ShouldBeNull();
        late.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("That passkey did not sign you in");
        Options(late, "get").ShouldNotBe(options, "the page offers a new challenge to try again with");
    }

    [Fact]
    public async Task Given_made_up_passkey_answers_When_posted_to_sign_in_Then_each_is_refused_with_the_page_and_no_session()
    {
        using var browser = new Browser(factory);
        string[] answers = ["", "{}", "not json", """{"id":"AAAA","type":"public-key","response":{}}""", new string('x', 70_000)];
        foreach (var answer in answers)
        {
            await browser.Open("/account/sign-in");
            var fields = PasskeyFields(browser, answer);
            await browser.Post("/account/sign-in?handler=Passkey", fields);
            browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, answer.Length > 40 ? answer[..40] : answer);
            browser.SignInCookie.ShouldBeNull();
            browser.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("That passkey did not sign you in");
        }
    }

    [Fact]
    public async Task Given_the_site_opened_by_an_IP_address_When_the_sign_in_and_passkey_pages_show_Then_they_offer_no_passkey_that_could_not_work()
    {
        var email = await PatientAsync();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://127.0.0.1") });

        var signIn = await client.GetStringAsync("/account/sign-in");

        signIn.ShouldNotContain("data-passkey=");
        signIn.ShouldContain("name=\"password\"");
        using var browser = new Browser(factory);
        await browser.SignIn(email);
        await browser.Open("/account/passkeys");
        browser.Document.QuerySelector("[data-passkey-supported]").ShouldNotBeNull("by its name, the page offers to add one");
    }

    private static async Task AddAsync(Browser browser, SoftwarePasskey passkey, string name = "My phone")
    {
        await browser.Open("/account/passkeys");
        await browser.Submit(new() { ["name"] = name, ["password"] = Accounts.Password }, "form[action*='handler=Start']");
        browser.Document.QuerySelector("input[name=name]")!.GetAttribute("value").ShouldBe(AccountPasskey.CleanName(name));
        await browser.Submit(new() { ["credential"] = passkey.Create(Options(browser, "create")) }, "form[action*='handler=Add']");
    }

    private static async Task SignInWithAsync(Browser browser, SoftwarePasskey passkey)
    {
        await browser.Open("/account/sign-in");
        await browser.Post("/account/sign-in?handler=Passkey", PasskeyFields(browser, passkey.Get(Options(browser, "get"))));
    }

    private static string Options(Browser browser, string ceremony) =>
        browser.Document.QuerySelector($"button[data-passkey={ceremony}]")!.GetAttribute("data-options")!;

    private static Dictionary<string, string> PasskeyFields(Browser browser, string credential) => new()
    {
        ["__RequestVerificationToken"] = Token(browser),
        ["state"] = browser.Document.QuerySelector("input[name=state]")!.GetAttribute("value")!,
        ["credential"] = credential,
    };

    private static string Token(Browser browser) =>
        browser.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task<string> PatientAsync()
    {
        var email = Accounts.NewEmail();
        using var client = factory.CreateClient();
        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return email;
    }

    private async Task<Account> AccountAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts.AsNoTracking()
            .SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email));
    }

    private async Task<List<AccountPasskey>> StoredAsync(Guid accountId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().AccountPasskeys.AsNoTracking()
            .Where(p => p.AccountId == accountId).ToListAsync();
    }
}
