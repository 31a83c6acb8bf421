using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Web.Tests.Clinician;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// Sessions end when they should, at once, for cookies and bearer tokens alike: signing out, signing out everywhere,
/// a password change, a role or clinic change, deletion, a refresh token used twice, and the absolute lifetime.
/// </summary>
public sealed class SessionTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_person_who_signed_out_on_the_page_When_their_old_cookie_is_sent_again_Then_neither_the_account_page_nor_the_export_opens()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.NewEmail());
        var oldCookie = browser.SignInCookie.ShouldNotBeNull();
        using (var before = await WithCookie(oldCookie).GetAsync("/api/account/export"))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie works while signed in");
            using var body = JsonDocument.Parse(await before.Content.ReadAsStringAsync());
            Kept(body.RootElement.GetProperty("account").GetProperty("id").GetGuid()).ShouldBeTrue("the open session is kept in memory");
        }

        await browser.Open("/account/sign-out");
        await browser.Submit([]);

        using var replay = WithCookie(oldCookie);
        using var export = await replay.GetAsync("/api/account/export");
        using var page = await replay.GetAsync("/account");
        export.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/sign-in?");
    }

    [Fact]
    public async Task Given_a_bearer_token_When_its_owner_logs_out_through_the_API_Then_the_token_and_its_refresh_token_stop_working()
    {
        var (client, tokens) = await SignedInAsync();
        Kept(await AccountIdAsync(client)).ShouldBeTrue("the open session is kept in memory");

        using var loggedOut = await client.PostAsync("/api/account/logout", null);
        using var after = await client.GetAsync("/api/diary");
        using var refreshed = await Refresh(tokens.RefreshToken);

        loggedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_person_signed_in_on_two_devices_When_they_sign_out_on_one_Then_the_other_stays_and_sign_out_everywhere_ends_both()
    {
        var email = Accounts.NewEmail();
        var (phone, _) = await SignedInAsync(email);
        var laptop = await Accounts.SignIn(factory, email);

        using (var phoneOut = await phone.PostAsync("/api/account/logout", null))
        {
            phoneOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await laptop.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.OK, "signing out one device leaves the other");
        var tablet = await Accounts.SignIn(factory, email);
        Kept(await AccountIdAsync(tablet)).ShouldBeTrue("the open sessions are kept in memory");
        using (var everywhere = await laptop.PostAsync("/api/account/logout-everywhere", null))
        {
            everywhere.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await laptop.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await tablet.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Accounts.Login(factory.CreateClient(), email)).StatusCode.ShouldBe(HttpStatusCode.OK, "they can sign in again");
    }

    [Fact]
    public async Task Given_a_deleted_account_When_its_old_bearer_token_is_used_Then_401_and_no_audit_row_names_the_erased_person()
    {
        var (client, _) = await SignedInAsync();
        var id = await AccountIdAsync(client);
        Kept(id).ShouldBeTrue("the open session is kept in memory");

        using var deleted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/account")
        {
            Content = JsonContent.Create(new { password = Accounts.Password }),
        });
        using var diary = await client.GetAsync("/api/diary");
        using var assessment = await Accounts.PostCase(client, ClinicWorld.Baseline);
        using var booking = await client.PostAsJsonAsync("/api/appointments", new { slotId = Guid.NewGuid() });

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        diary.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        assessment.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a token whose session is over is refused, not read as nobody");
        booking.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        (await db.AuditEvents.CountAsync(e => e.SubjectId == id || e.ActorId == id)).ShouldBe(1, "only the record of the erasure itself");
        (await db.SavedAssessments.CountAsync(a => a.OwnerId == id)).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_password_change_When_the_old_token_and_the_old_password_are_tried_Then_both_fail_and_the_new_password_signs_in()
    {
        var email = Accounts.NewEmail();
        var (client, tokens) = await SignedInAsync(email);
        var other = await Accounts.SignIn(factory, email);
        const string newPassword = "a brand new passphrase 42";
        (await other.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Kept(await AccountIdAsync(client)).ShouldBeTrue("the open sessions are kept in memory");

        using var changed = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = Accounts.Password, newPassword });

        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await other.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Refresh(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var anonymous = factory.CreateClient();
        (await Accounts.Login(anonymous, email)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Accounts.Login(anonymous, email, newPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("not the password at all", "a brand new passphrase 42", HttpStatusCode.Forbidden)]
    [InlineData(Accounts.Password, "password1234", HttpStatusCode.BadRequest)]
    [InlineData(Accounts.Password, "short", HttpStatusCode.BadRequest)]
    public async Task Given_a_wrong_current_password_or_a_weak_new_one_When_changing_Then_refused_and_the_session_and_password_stay(
        string current, string next, HttpStatusCode expected)
    {
        var email = Accounts.NewEmail();
        var (client, _) = await SignedInAsync(email);

        using var refused = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = current, newPassword = next });

        refused.StatusCode.ShouldBe(expected);
        (await client.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Accounts.Login(factory.CreateClient(), email)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_refresh_token_When_used_Then_a_new_pair_comes_and_using_the_old_one_again_ends_the_session()
    {
        var (client, tokens) = await SignedInAsync();

        using var first = await Refresh(tokens.RefreshToken);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var next = await first.Content.ReadFromJsonAsync<Tokens>();
        next!.RefreshToken.ShouldNotBe(tokens.RefreshToken);
        next.AccessToken.ShouldNotBe(tokens.AccessToken);
        using var fresh = factory.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", next.AccessToken);
        (await fresh.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Kept(await AccountIdAsync(fresh)).ShouldBeTrue("the open session is kept in memory");

        using var replayed = await Refresh(tokens.RefreshToken);

        replayed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Refresh(next.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the whole session ended");
        (await fresh.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("made-up")]
    [InlineData(null)]
    public async Task Given_a_missing_or_made_up_refresh_token_When_refreshing_Then_401(string? token)
    {
        using var response = await Refresh(token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Given_a_clinician_removed_from_their_clinic_When_they_use_their_old_cookie_Then_the_clinic_pages_send_them_to_sign_in()
    {
        var clinic = await ClinicWorld.AddClinicAsync(factory);
        var (browser, accountId) = await ClinicWorld.SignedInClinicianAsync(factory, clinic);
        using (browser)
        {
            await browser.Open("/clinic");
            browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);

            await ChangeAccountAsync(accountId, account => account.LeaveClinic());
            await browser.Open("/clinic");

            browser.Redirects.ShouldNotBeEmpty();
            browser.Address.ShouldStartWith("/account/sign-in");
        }
    }

    [Fact]
    public async Task Given_an_administrator_demoted_to_patient_When_their_old_token_makes_a_clinician_Then_it_is_refused_and_nothing_is_made()
    {
        var (email, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        var admin = await TwoStepSignIn.SignedInClientAsync(factory, email, key);
        var id = await AccountIdAsync(admin);
        await ChangeAccountAsync(id, account => account.ChangeRole(AccountRole.Patient));
        var clinicianEmail = Accounts.NewEmail();

        using var response = await admin.PostAsJsonAsync("/api/admin/clinicians", new
        {
            email = clinicianEmail, password = Accounts.Password, displayName = "Dr Who", clinicId = await ClinicWorld.AddClinicAsync(factory),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var check = factory.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<BackCareDbContext>().Accounts
            .AnyAsync(a => a.NormalizedEmail == Account.NormalizeEmail(clinicianEmail))).ShouldBeFalse();
    }

    private async Task<(HttpClient Client, Tokens Tokens)> SignedInAsync(string? email = null)
    {
        email ??= Accounts.NewEmail();
        var client = factory.CreateClient();
        using (var registered = await Accounts.Register(client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using var login = await Accounts.Login(client, email);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return (client, tokens);
    }

    /// <summary>Whether the host holds a session of this account in memory: the next check is then answered from there.</summary>
    private bool Kept(Guid accountId) => factory.Services.GetRequiredService<OpenSessions>().Holds(accountId);

    private Task<HttpResponseMessage> Refresh(string? refreshToken) =>
        factory.CreateClient().PostAsJsonAsync("/api/account/refresh", new { refreshToken });

    private HttpClient WithCookie(string cookie)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = BackCareFactory.HttpsBase, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<Guid> AccountIdAsync(HttpClient client)
    {
        using var export = await client.GetAsync("/api/account/export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("account").GetProperty("id").GetGuid();
    }

    private async Task ChangeAccountAsync(Guid id, Action<Account> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var account = await db.Accounts.SingleAsync(a => a.Id == id);
        change(account);
        await db.SaveChangesAsync();
    }

    private sealed record Tokens(string AccessToken, long ExpiresIn, string RefreshToken);
}
