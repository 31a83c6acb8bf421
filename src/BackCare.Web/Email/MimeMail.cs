using MimeKit;
using MimeKit.Utils;

namespace BackCare.Web.Email;

/// <summary>An <see cref="OutgoingMail"/> as the MIME message both outboxes hand over, so a file and a sent message are alike.</summary>
internal static class MimeMail
{
    public static MimeMessage From(OutgoingMail mail, string from)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var sender = MailboxAddress.Parse(from);
        MailboxAddress recipient;
        try
        {
            recipient = new MailboxAddress(mail.ToName ?? "", mail.To);
        }
        catch (ParseException e)
        {
            throw new MailDeliveryException("The recipient is not an address a message can be sent to.", e);
        }

        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // Named after the sender's domain: the default names this machine, which the recipient has no need to know.
            MessageId = MimeUtils.GenerateMessageId(sender.Domain),
            Body = Body(mail),
        };
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: a mail program may offer "unsubscribe" and POST to the address itself, with no page in between.
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.From.Add(sender);
        message.To.Add(recipient);

        // Encoded for the strictest relay (7-bit, short lines) now, as MailKit would before sending, so that a pickup
        // file is what a server would have been handed, and a name like "José" survives either way.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static MimeEntity Body(OutgoingMail mail)
    {
        var builder = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        if (mail.Calendar is { } calendar)
        {
            var type = new ContentType("text", "calendar") { Charset = "utf-8" };
            type.Parameters.Add("method", calendar.Method);
            builder.Attachments.Add(calendar.FileName, System.Text.Encoding.UTF8.GetBytes(calendar.Content), type);
        }

        return builder.ToMessageBody();
    }
}
