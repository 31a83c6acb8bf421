namespace BackCare.Data.Clinics;

/// <summary>
/// A clinician's answer to a contact request, kept with the request: in the patient's thread (where the message itself
/// lives too), or by email to someone without an account there, whose email is made from this row when it is sent.
/// </summary>
public sealed class ContactReply
{
    public const int MaxBodyLength = Message.MaxBodyLength;

    public ContactReply(Guid clinicId, Guid requestId, Guid authorId, ContactReplyRoute route, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyLength, nameof(body));
        if (clinicId == Guid.Empty || requestId == Guid.Empty || authorId == Guid.Empty)
        {
            throw new ArgumentException("A reply needs its clinic, its request and its author.");
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        RequestId = requestId;
        AuthorId = authorId;
        Route = route;
        Body = body.Trim();
    }

    private ContactReply()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid RequestId { get; private set; }

    /// <summary>The clinician's account.</summary>
    public Guid AuthorId { get; private set; }

    public ContactReplyRoute Route { get; private set; }

    public string Body { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }
}

/// <summary>Where a reply to a contact request went. Stored by name.</summary>
public enum ContactReplyRoute
{
    /// <summary>Into the thread of the patient the request is tied to.</summary>
    Thread,

    /// <summary>By email to the address the request gave.</summary>
    Email,
}
