using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using BackCare.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// Two-step sign-in for the tests: turns it on for an account (as the set-up page does, through
/// <see cref="AccountTwoStep"/>, with a code computed here as an authenticator app would), and signs in with the
/// password and a code, through the API or the pages. Clinicians and administrators need it for anything of their role.
/// </summary>
internal static class TwoStepSignIn
{
    /// <summary>Turns two steps on for the account with this email; its key (base 32) and its ten recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(BackCareFactory factory, string email, string password = Accounts.Password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var account = (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email)).ShouldNotBeNull();
        var twoStep = scope.ServiceProvider.GetRequiredService<AccountTwoStep>();
        var key = twoStep.NewAuthenticatorKey();
        var outcome = await twoStep.TurnOnAsync(account.Id, key, Totp.NextCode(key), password, client: null);
        outcome.Change.ShouldBe(TwoStepChange.TurnedOn);
        return (key, outcome.RecoveryCodes!);
    }

    /// <summary>The API's first step for an account with two steps on: the twoFactorToken of its 401.</summary>
    public static async Task<string> FirstStepAsync(HttpClient client, string email, string password = Accounts.Password)
    {
        using var login = await Accounts.Login(client, email, password);
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();
        return body.RootElement.GetProperty("twoFactorToken").GetString()!;
    }

    public static Task<HttpResponseMessage> SecondStep(HttpClient client, string twoFactorToken, string code) =>
        client.PostAsJsonAsync("/api/account/login/two-step", new { twoFactorToken, code });

    /// <summary>A client whose requests carry the bearer token of a two-step sign-in (turning two steps on first if <paramref name="key"/> is not given).</summary>
    public static async Task<HttpClient> SignedInClientAsync(BackCareFactory factory, string email, string? key = null)
    {
        key ??= (await TurnOnAsync(factory, email)).Key;
        var client = factory.CreateClient();
        var token = await FirstStepAsync(client, email);
        using var tokens = await SecondStep(client, token, Totp.NextCode(key));
        tokens.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Signs in on the pages with the password, then the code on the code page (the browser lands where sign-in sends it).</summary>
    public static async Task SignInWithCode(this Browser browser, string email, string key, string? returnUrl = null)
    {
        await browser.SignIn(email, returnUrl: returnUrl);
        browser.Address.ShouldBe("/account/sign-in/code");
        await browser.Submit(new() { ["code"] = Totp.NextCode(key) });
    }

    /// <summary>A new administrator (made on the server, as an operator would), with two steps on; their email and key.</summary>
    public static async Task<(string Email, string Key)> NewAdministratorAsync(BackCareFactory factory)
    {
        var email = Accounts.NewEmail();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountService>()
                .RegisterAsync(email, Accounts.Password, "Ada Admin", AccountRole.Administrator)).Succeeded.ShouldBeTrue();
        }

        return (email, (await TurnOnAsync(factory, email)).Key);
    }
}
