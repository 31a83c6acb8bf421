namespace BackCare.Data.Clinics;

/// <summary>What a clinician does, which decides what a person is offered (a physical therapist where the plan says so).</summary>
public enum Specialty
{
    Orthopedic,
    Spine,
    PhysicalTherapy,
    PrimaryCare,
}
