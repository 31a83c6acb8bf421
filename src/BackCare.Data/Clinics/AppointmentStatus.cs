namespace BackCare.Data.Clinics;

public enum AppointmentStatus
{
    Booked,
    Cancelled,
}
