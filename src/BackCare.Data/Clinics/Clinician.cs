namespace BackCare.Data.Clinics;

/// <summary>A clinician who works at one clinic; <see cref="AccountId"/> is their sign-in, when they have one.</summary>
public sealed class Clinician
{
    public Clinician(Guid clinicId, string displayName, Specialty specialty, Guid? accountId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (clinicId == Guid.Empty)
        {
            throw new ArgumentException("A clinician works at a clinic.", nameof(clinicId));
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        DisplayName = displayName.Trim();
        Specialty = specialty;
        AccountId = accountId;
    }

    private Clinician()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public Guid? AccountId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public Specialty Specialty { get; private set; }

    public void LinkAccount(Guid accountId) => AccountId = accountId;
}
