namespace BackCare.Data.Clinics;

/// <summary>
/// One message in the thread between a person and a clinic. There is one thread per person and clinic, so a
/// message needs no thread id: the pair (clinic, person) is the thread.
/// </summary>
public sealed class Message : IHealthRecord
{
    public const int MaxBodyLength = 4000;

    public Message(Guid clinicId, Guid ownerId, Guid authorId, bool fromClinic, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyLength, nameof(body));
        if (ownerId == Guid.Empty || clinicId == Guid.Empty || authorId == Guid.Empty)
        {
            throw new ArgumentException("A message needs its clinic, its person and its author.");
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        OwnerId = ownerId;
        AuthorId = authorId;
        FromClinic = fromClinic;
        Body = body.Trim();
    }

    private Message()
    {
    }

    /// <summary>
    /// A contact request put in the thread of the patient it is tied to, when the clinic first answers it there: the
    /// patient's words, at the time they sent them, already read by the clinic, so the answer after it makes sense.
    /// </summary>
    public static Message FromContactRequest(ContactRequest request, Guid patientId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Message(request.ClinicId, patientId, patientId, fromClinic: false, request.Body)
        {
            CreatedUtc = request.CreatedUtc,
            ReadUtc = nowUtc,
        };
    }

    public Guid Id { get; private set; }

    /// <summary>The person (patient) whose thread this is.</summary>
    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid ClinicId { get; private set; }

    /// <summary>The account that wrote it: the person, or a clinician of the clinic.</summary>
    public Guid AuthorId { get; private set; }

    public bool FromClinic { get; private set; }

    public string Body { get; private set; } = "";

    public DateTime? ReadUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadUtc ??= nowUtc;
}
