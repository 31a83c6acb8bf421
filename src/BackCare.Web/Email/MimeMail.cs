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
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(sender);
        message.To.Add(recipient);

        // Encoded for the strictest relay (7-bit, short lines) now, as MailKit would before sending, so that a pickup
        // file is what a server would have been handed, and a name like "José" survives either way.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }
}
