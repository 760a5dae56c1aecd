package org.imagingtriage.topology.imaging.deid;

import java.util.List;
import org.imagingtriage.topology.imaging.dicom.Tag;

/**
 * The default dictionary: DICOM attributes that directly identify the patient, the people who
 * cared for them or the institution, and the identifiers that lead back to a record, after the
 * attributes DICOM PS3.15's Basic Application Level Confidentiality Profile removes or replaces.
 * Attributes that identify nobody alone (age, sex, size, study dates) are left out so feeds may
 * send them; operators add them with {@link IdentifyingAttributes#plus} where policy requires.
 *
 * <p>Keywords and tag numbers come from the DICOM reader's {@link Tag} constants, so the gate and
 * the reader cannot disagree on what an attribute is called or where it lives.
 */
final class DicomIdentifyingAttributes {

    static final List<IdentifyingAttribute> ALL = List.of(
            dicom(Tag.PatientName, "Patient's Name"),
            dicom(Tag.PatientID),
            dicom(Tag.IssuerOfPatientID),
            dicom(Tag.PatientInsurancePlanCodeSequence),
            dicom(Tag.PatientBirthDate, "Patient's Birth Date", "DateOfBirth", "BirthDate"),
            dicom(Tag.PatientBirthTime, "Patient's Birth Time"),
            dicom(Tag.OtherPatientIDs),
            dicom(Tag.OtherPatientNames),
            dicom(Tag.OtherPatientIDsSequence),
            dicom(Tag.PatientBirthName, "Patient's Birth Name"),
            dicom(Tag.PatientAddress, "Patient's Address"),
            dicom(Tag.PatientMotherBirthName, "Patient's Mother's Birth Name"),
            dicom(Tag.MilitaryRank),
            dicom(Tag.BranchOfService),
            dicom(Tag.MedicalRecordLocator, "MedicalRecordNumber", "MRN"),
            dicom(Tag.CountryOfResidence),
            dicom(Tag.RegionOfResidence),
            dicom(Tag.PatientTelephoneNumbers, "Patient's Telephone Numbers", "PatientTelephoneNumber",
                    "PatientPhone"),
            dicom(Tag.PatientTelecomInformation, "Patient's Telecom Information"),
            dicom(Tag.Occupation),
            dicom(Tag.AdditionalPatientHistory),
            dicom(Tag.ResponsiblePerson),
            dicom(Tag.ResponsibleOrganization),
            dicom(Tag.PatientComments),
            dicom(Tag.AccessionNumber),
            dicom(Tag.InstitutionName),
            dicom(Tag.InstitutionAddress),
            dicom(Tag.ReferringPhysicianName, "Referring Physician's Name"),
            dicom(Tag.ReferringPhysicianAddress, "Referring Physician's Address"),
            dicom(Tag.ReferringPhysicianTelephoneNumbers, "Referring Physician's Telephone Numbers"),
            dicom(Tag.StationName),
            dicom(Tag.InstitutionalDepartmentName),
            dicom(Tag.PhysiciansOfRecord, "Physician(s) of Record"),
            dicom(Tag.PerformingPhysicianName, "Performing Physician's Name"),
            dicom(Tag.NameOfPhysiciansReadingStudy, "Name of Physician(s) Reading Study"),
            dicom(Tag.OperatorsName, "Operators' Name"),
            dicom(Tag.DeviceSerialNumber),
            dicom(Tag.StudyID),
            dicom(Tag.RequestingPhysician),
            dicom(Tag.AdmissionID),
            dicom(Tag.ScheduledPerformingPhysicianName, "Scheduled Performing Physician's Name"),
            dicom(Tag.PersonName),
            dicom(Tag.ContentCreatorName, "Content Creator's Name"),
            // Reviewed against PS3.15 Table E.1-1: the other people the Basic Profile removes
            // (consulting, verifying, reviewing, ordering and intended recipients), their
            // identification sequences, order numbers, locations and contact details.
            dicom(Tag.InstitutionCodeSequence),
            dicom(Tag.ReferringPhysicianIdentificationSequence),
            dicom(Tag.ConsultingPhysicianName, "Consulting Physician's Name"),
            dicom(Tag.ConsultingPhysicianIdentificationSequence),
            dicom(Tag.PhysiciansOfRecordIdentificationSequence),
            dicom(Tag.PerformingPhysicianIdentificationSequence),
            dicom(Tag.PhysiciansReadingStudyIdentificationSequence),
            dicom(Tag.OperatorIdentificationSequence),
            dicom(Tag.RequestingPhysicianIdentificationSequence),
            dicom(Tag.RequestingService),
            dicom(Tag.CurrentPatientLocation),
            dicom(Tag.PatientInstitutionResidence, "Patient's Institution Residence"),
            dicom(Tag.ScheduledPerformingPhysicianIdentificationSequence),
            dicom(Tag.ScheduledStationName),
            dicom(Tag.PerformedStationName),
            dicom(Tag.NamesOfIntendedRecipientsOfResults),
            dicom(Tag.IntendedRecipientsOfResultsIdentificationSequence),
            dicom(Tag.PersonIdentificationCodeSequence),
            dicom(Tag.PersonAddress, "Person's Address"),
            dicom(Tag.PersonTelephoneNumbers, "Person's Telephone Numbers"),
            dicom(Tag.PersonTelecomInformation, "Person's Telecom Information"),
            dicom(Tag.OrderEnteredBy),
            dicom(Tag.OrderEntererLocation, "Order Enterer's Location"),
            dicom(Tag.OrderCallbackPhoneNumber),
            dicom(Tag.OrderCallbackTelecomInformation),
            dicom(Tag.PlacerOrderNumberImagingServiceRequest),
            dicom(Tag.FillerOrderNumberImagingServiceRequest),
            dicom(Tag.HumanPerformerOrganization, "Human Performer's Organization"),
            dicom(Tag.HumanPerformerName, "Human Performer's Name"),
            dicom(Tag.VerifyingObserverName),
            dicom(Tag.VerifyingObserverIdentificationCodeSequence),
            dicom(Tag.ContentCreatorIdentificationCodeSequence),
            dicom(Tag.ReviewerName),
            dicom(Tag.PhysicianApprovingInterpretation));

    private DicomIdentifyingAttributes() {
    }

    /** The attribute {@code tag} under its standard keyword, plus other spellings feeds use. */
    private static IdentifyingAttribute dicom(int tag, String... aliases) {
        String keyword = Tag.keywordOf(tag).orElseThrow(() -> new IllegalStateException(
                "no keyword for " + Tag.toString(tag)));
        return IdentifyingAttribute.of(keyword, Tag.hex(tag), aliases);
    }
}
