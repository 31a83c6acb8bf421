using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Email;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Notifications;

/// <summary>
/// Someone without an account writes with a clinic's contact form; the clinic answers in its inbox, and the answer goes
/// from the outbox by email to the address they gave, with the answer's words in it (there is no thread to send them to).
/// </summary>
public sealed class ContactReplyEmailTests
{
    private const string Answer = "Yes, we see people on Saturday mornings. Phone us to book.";

    [Fact]
    public async Task Given_a_visitors_request_When_the_clinician_answers_it_Then_an_outbox_row_sends_the_answer_to_their_address()
    {
        await using var host = await NotificationHost.StartAsync();
        var clinic = await AddClinicAsync(host.Factory);
        var visitorEmail = Accounts.Accounts.NewEmail();
        using var visitor = new Browser(host.Factory);
        await visitor.Open($"/clinics/{clinic}/contact");
        await visitor.Submit(new() { ["name"] = "Vera Visitor", ["email"] = visitorEmail, ["phone"] = "", ["body"] = "Do you see people on Saturdays?" });
        var request = await host.InDbAsync(db => db.ContactRequests.SingleAsync(r => r.ClinicId == clinic));
        var (clinician, _) = await SignedInClinicianAsync(host.Factory, clinic);
        using var _c = clinician;
        await clinician.Open($"/clinic/inbox/requests/{request.Id}");
        clinician.Text.ShouldContain(PageText.English.Format("request_answer_email_hint", visitorEmail));

        await clinician.Submit(new() { ["body"] = Answer }, "form[action*=Reply]");

        clinician.Address.ShouldBe("/clinic/inbox");
        clinician.Text.ShouldContain(PageText.English.Format("inbox_reply_emailed", visitorEmail));
        var reply = await host.InDbAsync(db => db.ContactReplies.SingleAsync(r => r.RequestId == request.Id));
        reply.Route.ShouldBe(ContactReplyRoute.Email);
        var row = await host.InDbAsync(db => db.Notifications.SingleAsync(n => n.SubjectId == reply.Id));
        row.ShouldSatisfyAllConditions(
            n => n.Kind.ShouldBe(NotificationKind.ContactReply),
            n => n.AccountId.ShouldBeNull(),
            n => n.State.ShouldBe(NotificationState.Pending),
            n => n.DedupeKey.ShouldBe($"contact-reply:{reply.Id}"));
        (await host.InDbAsync(db => db.ContactRequests.SingleAsync(r => r.Id == request.Id))).AnsweredUtc.ShouldNotBeNull();

        await host.SendDueAsync();

        var mail = await host.Smtp.NextMessageToAsync(visitorEmail);
        mail.Subject.ShouldBe("Riverside Spine Clinic has answered your message");
        var text = mail.TextBody.ShouldNotBeNull();
        text.ShouldContain(Answer);
        text.ShouldContain("Vera Visitor");
        mail.HtmlBody.ShouldNotBeNull().ShouldContain(Answer);
        MailChecks.ShouldPass(mail, NotificationHost.PublicBase);
        SmtpTestServer.Link(mail, $"/clinics/{clinic}/contact").ShouldNotBeNull();
        (await host.InDbAsync(db => db.Notifications.SingleAsync(n => n.Id == row.Id))).State.ShouldBe(NotificationState.Sent);
    }
}
