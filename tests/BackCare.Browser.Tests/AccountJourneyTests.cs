using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// A person's account from start to end in Chromium, following the links in the emails the app really wrote: sign up,
/// confirm the address, sign in, sign out, forget the password and set a new one from the reset email.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AccountJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private const string Password = "first long passphrase";
    private const string NewPassword = "second long passphrase";

    [ChromiumFact]
    public async Task Given_a_new_person_When_they_sign_up_confirm_sign_out_and_reset_their_password_by_email_Then_the_new_password_signs_them_in()
    {
        var email = $"kim-{Guid.NewGuid():N}@example.org";
        var page = await host.NewPhonePage();

        await page.GotoAsync("/account/sign-up");
        await page.FillAsync("#displayName", "Kim");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.ShouldBeAccessible("40-sign-up-check-your-email", output);

        await page.GotoAsync(await LinkInMailAsync(email, "/account/confirm", after: 0));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Email address confirmed");
        await page.ShouldBeAccessible("41-email-confirmed", output);

        await SignInAsync(page, email, Password);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account");
        await page.GotoAsync("/account/sign-out");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GotoAsync("/account");
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in", "signed out");

        await page.GotoAsync("/account/forgot-password");
        await page.ShouldBeAccessible("42-forgot-password", output);
        await page.FillAsync("#email", email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("main .notice").InnerTextAsync()).ShouldContain("If an account uses this address");
        await page.GotoAsync(await LinkInMailAsync(email, "/account/reset-password", after: 1));
        await page.ShouldBeAccessible("43-set-a-new-password", output);
        await page.FillAsync("#newPassword", NewPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in");
        (await page.Locator("main .notice").InnerTextAsync()).ShouldContain("Your password has been changed");

        await SignInAsync(page, email, Password);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in", "the old password no longer works");
        await SignInAsync(page, email, NewPassword);
        new Uri(page.Url).AbsolutePath.ShouldBe("/account");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.Locator("main form button[type=submit]:not([data-passkey])").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>
    /// The address (path and query) of the first link to <paramref name="path"/> in the email to <paramref name="to"/>
    /// that came after the first <paramref name="after"/> messages to them, waiting for the app's mail sender to write it.
    /// </summary>
    private async Task<string> LinkInMailAsync(string to, string path, int after)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var messages = Directory.Exists(host.MailFolder)
                ? Directory.GetFiles(host.MailFolder, "*.eml").Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time)
                    .Select(f => MimeMessage.Load(f.File)).Where(m => m.To.Mailboxes.Any(b => b.Address == to)).ToList()
                : [];
            if (messages.Count > after)
            {
                var text = messages[after].TextBody ?? "";
                var link = Links().Matches(text).Select(m => new Uri(m.Value)).First(u => u.AbsolutePath == path);
                return link.PathAndQuery;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message {after + 1} to {to} in {host.MailFolder}.");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
