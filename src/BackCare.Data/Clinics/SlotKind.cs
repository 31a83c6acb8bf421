namespace BackCare.Data.Clinics;

/// <summary>How a visit happens. On the API: <c>in_person</c> and <c>telemedicine</c>.</summary>
public enum SlotKind
{
    InPerson,
    Telemedicine,
}
