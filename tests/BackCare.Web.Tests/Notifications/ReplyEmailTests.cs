using System.Net;
using BackCare.Data.Notifications;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Email;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Notifications;

/// <summary>A clinic's reply reaches the person as a notice that it came, and its link opens the thread after signing in.</summary>
public sealed class ReplyEmailTests
{
    private const string Reply = "Please go to the emergency department now.";

    [Fact]
    public async Task Given_a_clinic_reply_When_the_notice_is_followed_Then_it_says_who_wrote_not_what_and_opens_the_thread_for_the_signed_in_person()
    {
        await using var host = await NotificationHost.StartAsync();
        var clinic = await AddClinicAsync(host.Factory);
        var (email, person, browser) = await PersonWithBrowserAsync(host);
        using var _ = browser;
        await JoinAsync(host.Factory, clinic, person, "routine", host.Clock.UtcNow);
        var (clinician, _) = await SignedInClinicianAsync(host.Factory, clinic);
        using var __ = clinician;

        await clinician.Open($"/clinic/patients/{person}");
        await clinician.Submit(new() { ["body"] = Reply }, "form[action*=Reply]");
        clinician.Text.ShouldContain("Message sent.");
        await host.SendDueAsync();

        var notice = await host.Smtp.NextMessageToAsync(email);
        notice.Subject.ShouldBe("You have a new message from Riverside Spine Clinic");
        MailChecks.ShouldPass(notice, NotificationHost.PublicBase, mustNotContain: [Reply, "emergency"]);
        notice.Headers.Contains(MimeKit.HeaderId.ListUnsubscribe).ShouldBeFalse();
        var link = SmtpTestServer.Link(notice, $"/messages/{clinic}");

        // Someone who is not signed in (the link forwarded, a shared computer) is asked to sign in first.
        using var stranger = new Browser(host.Factory);
        await stranger.Open(link.PathAndQuery);
        stranger.Address.ShouldStartWith("/account/sign-in");
        stranger.Text.ShouldNotContain(Reply);

        await browser.Open(link.PathAndQuery);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Address.ShouldBe($"/messages/{clinic}");
        browser.Text.ShouldContain(Reply);
    }

    [Fact]
    public async Task Given_a_reply_the_person_read_on_the_site_first_When_the_notice_falls_to_be_sent_Then_it_is_not_sent()
    {
        await using var host = await NotificationHost.StartAsync();
        var clinic = await AddClinicAsync(host.Factory);
        var (email, person, browser) = await PersonWithBrowserAsync(host);
        using var _ = browser;
        await JoinAsync(host.Factory, clinic, person, "routine", host.Clock.UtcNow);
        var (clinician, _) = await SignedInClinicianAsync(host.Factory, clinic);
        using var __ = clinician;
        await clinician.Open($"/clinic/patients/{person}");
        await clinician.Submit(new() { ["body"] = Reply }, "form[action*=Reply]");

        await browser.Open($"/messages/{clinic}");
        browser.Text.ShouldContain(Reply);
        await host.SendDueAsync();

        host.MessagesTo(email).ShouldHaveSingleItem().Subject.ShouldBe("Please confirm your email address");
        (await host.OutboxAsync(person)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            n => n.Kind.ShouldBe(NotificationKind.ClinicReply),
            n => n.State.ShouldBe(NotificationState.Skipped));
    }

    /// <summary>A person who signed up on the pages, confirmed their address from the email and is signed in, in a browser.</summary>
    internal static async Task<(string Email, Guid Id, Browser Browser)> PersonWithBrowserAsync(NotificationHost host)
    {
        var email = Accounts.Accounts.NewEmail();
        var browser = new Browser(host.Factory);
        await browser.SignUp(email, displayName: "Mo Message");
        var confirmation = await host.Smtp.NextMessageToAsync(email);
        await browser.Open(SmtpTestServer.Link(confirmation, "/account/confirm").PathAndQuery);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (email, await host.AccountIdAsync(email), browser);
    }
}
