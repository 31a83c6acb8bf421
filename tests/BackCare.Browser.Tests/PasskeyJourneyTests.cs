using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// Passkeys in Chromium, with the browser's virtual authenticator (DevTools' WebAuthn domain) standing in for a phone's
/// screen lock: the app's own pages and script make the key and sign in with it, and Identity checks the signatures.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PasskeyJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "a patient's long passphrase";

    [ChromiumFact]
    public async Task Given_a_patient_whose_phone_makes_passkeys_When_they_add_one_and_sign_out_Then_the_passkey_alone_signs_them_in_until_they_remove_it()
    {
        var email = $"sam-{Guid.NewGuid():N}@example.org";
        await NewAccountAsync(email, Password, AccountRole.Patient);
        var page = await host.NewPhonePage(address: host.LocalhostAddress);
        var phone = await VirtualAuthenticator.AddAsync(page);

        await SignInWithPasswordAsync(page, email, Password);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account");
        await page.GotoAsync("/account/passkeys");
        (await page.Locator("[data-passkey-unsupported]").IsVisibleAsync()).ShouldBeFalse("this browser makes passkeys");
        await page.ShouldBeAccessible("45-passkeys-none", output);
        await page.TypeInto("name", "My test phone");
        await page.TypeInto("password", Password);
        await page.PressSubmit("the Add a passkey button");
        await page.TabTo("e.dataset.passkey === 'create'", "the Make the passkey button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).PathAndQuery.ShouldBe("/account/passkeys?done=added");
        (await page.Locator("main .notice[role=status]").InnerTextAsync()).ShouldContain("Your passkey has been added");
        (await page.Locator("ul.passkeys li").InnerTextAsync()).ShouldContain("My test phone");
        (await phone.CredentialCountAsync()).ShouldBe(1, "the key pair is on the device");
        await page.ShouldBeAccessible("46-passkeys-one", output);

        await SignOutAsync(page);
        await page.GotoAsync("/account/sign-in");
        await page.ShouldBeAccessible("47-sign-in-with-passkey", output);
        await page.TabTo("e.dataset.passkey === 'get'", "the Sign in with a passkey button");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account", "the passkey alone signed in, no password typed");

        await page.GotoAsync("/account/activity");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Signed in with a passkey");
        await page.GotoAsync("/account/passkeys");
        (await page.Locator("ul.passkeys li").InnerTextAsync()).ShouldNotContain("not used yet");
        await page.TabTo("e.tagName === 'BUTTON' && e.textContent.trim() === 'Remove'", "the Remove button");
        await page.PressAndWaitForNextPage("Enter");
        (await page.Locator("main .notice[role=status]").InnerTextAsync()).ShouldContain("The passkey has been removed");
        (await page.Locator("ul.passkeys").CountAsync()).ShouldBe(0);

        await SignOutAsync(page);
        await page.GotoAsync("/account/sign-in");
        await page.TabTo("e.dataset.passkey === 'get'", "the Sign in with a passkey button");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in", "a removed passkey no longer signs in, though the device still holds it");
        (await page.Locator(".error-summary").InnerTextAsync()).ShouldContain("That passkey did not sign you in");
        await page.GotoAsync("/account");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in");
    }

    [ChromiumFact]
    public async Task Given_a_clinician_with_a_passkey_When_they_sign_in_with_it_Then_the_clinic_opens_without_an_authenticator_code()
    {
        var email = $"dr-pk-{Guid.NewGuid():N}@example.org";
        const string password = "a clinician's long passphrase";
        await NewAccountAsync(email, password, AccountRole.Clinician);
        var page = await host.NewPhonePage(address: host.LocalhostAddress);
        await VirtualAuthenticator.AddAsync(page);
        await page.SignInWithTwoSteps(email, password);
        await page.GotoAsync("/account/passkeys");
        await page.TypeInto("password", password);
        await page.PressSubmit("the Add a passkey button");
        await page.TabTo("e.dataset.passkey === 'create'", "the Make the passkey button");
        await page.PressAndWaitForNextPage("Enter");
        new Uri(page.Url).PathAndQuery.ShouldBe("/account/passkeys?done=added");
        await SignOutAsync(page);

        await page.GotoAsync("/account/sign-in?returnUrl=%2Fclinic");
        await page.TabTo("e.dataset.passkey === 'get'", "the Sign in with a passkey button");
        await page.PressAndWaitForNextPage("Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe("/clinic", "a passkey with the device's screen lock is two steps in one");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: Example Valley Back Clinic");
    }

    [ChromiumFact]
    public async Task Given_a_browser_without_passkeys_When_the_person_opens_the_passkey_page_Then_it_says_so_and_offers_nothing_that_cannot_work()
    {
        var email = $"lee-{Guid.NewGuid():N}@example.org";
        await NewAccountAsync(email, Password, AccountRole.Patient);
        var page = await host.NewPhonePage(address: host.LocalhostAddress);
        await page.AddInitScriptAsync("delete window.PublicKeyCredential;");

        await page.GotoAsync("/account/sign-in");
        (await page.Locator("[data-passkey-supported]").IsVisibleAsync()).ShouldBeFalse();
        await SignInWithPasswordAsync(page, email, Password);
        await page.GotoAsync("/account/passkeys");
        (await page.Locator("[data-passkey-unsupported]").InnerTextAsync()).ShouldContain("This browser cannot make or use passkeys");
        (await page.Locator("#add-passkey").IsVisibleAsync()).ShouldBeFalse();
    }

    private async Task NewAccountAsync(string email, string password, AccountRole role)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (role == AccountRole.Clinician)
        {
            using var http = host.CreateHttpClient();
            var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
            (await accounts.RegisterClinicianAsync(email, password, "Dr Pat Key", clinic)).Succeeded.ShouldBeTrue();
        }
        else
        {
            (await accounts.RegisterAsync(email, password, "Sam")).Succeeded.ShouldBeTrue();
        }
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.TypeInto("email", email);
        await page.TypeInto("password", password);
        await page.PressSubmit("the Sign in button");
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-out");
        await page.PressSubmit("the Sign out button");
        await page.GotoAsync("/account");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in", "signed out");
    }
}

/// <summary>
/// A platform authenticator that Chromium simulates through DevTools: it keeps passkeys, answers at once, and reports
/// that it checked the person (as a phone does after a fingerprint), unless told it did not.
/// </summary>
internal sealed class VirtualAuthenticator(ICDPSession devTools, string id)
{
    public static async Task<VirtualAuthenticator> AddAsync(IPage page, bool verifiesUser = true)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["ctap2Version"] = "ctap2_1",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = verifiesUser,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(devTools, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    public async Task<int> CredentialCountAsync()
    {
        var credentials = await devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = id });
        return credentials!.Value.GetProperty("credentials").GetArrayLength();
    }
}
