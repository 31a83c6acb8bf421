namespace BackCare.Data.Clinics;

/// <summary>
/// A message sent with the clinic's public contact form, by anyone, signed in or not. It lands in the clinic's
/// inbox; a signed-in sender's request also carries their account so the clinic can answer in the thread.
/// </summary>
public sealed class ContactRequest
{
    public const int MaxBodyLength = 4000;

    public ContactRequest(Guid clinicId, string name, string? email, string? phone, string body, Guid? accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyLength, nameof(body));
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone))
        {
            throw new ArgumentException("The clinic needs an email address or a phone number to answer.", nameof(email));
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Body = body.Trim();
        AccountId = accountId;
    }

    private ContactRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string Name { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string Body { get; private set; } = "";

    public Guid? AccountId { get; private set; }

    public DateTime? HandledUtc { get; private set; }

    /// <summary>How the request is tied to a patient of the clinic: by its email (the default), by hand, or not at all.</summary>
    public PatientLink PatientLink { get; private set; } = PatientLink.ByEmail;

    /// <summary>The patient a clinician tied the request to by hand; null unless <see cref="PatientLink"/> is ByHand.</summary>
    public Guid? PatientId { get; private set; }

    /// <summary>When a clinician first answered it in the app (in the patient's thread, or by email).</summary>
    public DateTime? AnsweredUtc { get; private set; }

    public void MarkHandled(DateTime nowUtc) => HandledUtc ??= nowUtc;

    /// <summary>Ties the request to a patient chosen by hand; the caller has checked they are the clinic's patient.</summary>
    public void LinkTo(Guid patientId)
    {
        if (patientId == Guid.Empty)
        {
            throw new ArgumentException("A link needs the patient.", nameof(patientId));
        }

        PatientLink = PatientLink.ByHand;
        PatientId = patientId;
    }

    /// <summary>Unties the request, also from a patient its email matches: a clinician said it is not theirs.</summary>
    public void Unlink()
    {
        PatientLink = PatientLink.Unlinked;
        PatientId = null;
    }

    /// <summary>Answered counts as handled: nothing more is waiting.</summary>
    public void MarkAnswered(DateTime nowUtc)
    {
        AnsweredUtc ??= nowUtc;
        MarkHandled(nowUtc);
    }
}

/// <summary>How a contact request is tied to a patient of its clinic. Stored by name.</summary>
public enum PatientLink
{
    /// <summary>To the clinic's patient whose account has the request's email (compared as accounts compare emails), if any.</summary>
    ByEmail,

    /// <summary>To the patient a clinician chose.</summary>
    ByHand,

    /// <summary>To nobody: a clinician untied it, even if its email matches a patient.</summary>
    Unlinked,
}
