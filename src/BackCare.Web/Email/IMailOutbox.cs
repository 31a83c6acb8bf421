namespace BackCare.Web.Email;

/// <summary>
/// One email to one person, ready to send: the words come from <see cref="MailComposer"/>, never from the caller, so
/// every message is in the reviewed text of Text/en/mail.json. The HTML body is already encoded; the plain-text body is
/// always there too, for mail programs and screen readers that prefer it.
/// A reminder or a nudge carries <see cref="UnsubscribeUrl"/> (sent as the List-Unsubscribe header as well), a visit
/// notice its calendar file.
/// </summary>
public sealed record OutgoingMail(
    string To, string? ToName, string Subject, string TextBody, string HtmlBody, MailCalendar? Calendar = null, Uri? UnsubscribeUrl = null);

/// <summary>
/// A calendar file (.ics) attached to a message; <see cref="Method"/> is its iTIP method (REQUEST to add or update
/// an event, CANCEL to take it out), repeated on the attachment's content type as calendar programs expect.
/// </summary>
public sealed record MailCalendar(string FileName, string Method, string Content);

/// <summary>
/// Where the account code hands its email: to an SMTP server or a pickup folder, as configured
/// (<see cref="EmailOptions"/>). <see cref="SendAsync"/> returns once the server or the folder has the message, and
/// throws <see cref="MailDeliveryException"/> when it could not: whether to tell the person, retry or carry on is the
/// caller's decision, since only it knows whether the message mattered (a reset link) or not (a notice).
/// </summary>
public interface IMailOutbox
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>A message was not handed over. The message says why, with the server or folder, never the password or the words.</summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
