package org.imagingtriage.topology.imaging.dicom;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The VR of each {@link Tag} for implicit VR transfer syntaxes, where the stream carries no VR
 * (PS3.6 section 6). Tags outside this dictionary are UN: their bytes are kept, never
 * interpreted, which is all the pipeline needs of attributes it does not name.
 *
 * <p>Where PS3.6 allows two VRs, implicit VR uses the one listed here: PixelData and LUTData are
 * OW (implicit VR encodes them as words, PS3.5 A.1), the LUT descriptors US (their first and third
 * values are unsigned whatever the pixel representation).
 */
final class ElementDictionary {

    private static final Map<Integer, VR> IMPLICIT = Map.ofEntries(
            entry(Tag.FileMetaInformationGroupLength, VR.UL),
            entry(Tag.FileMetaInformationVersion, VR.OB),
            entry(Tag.MediaStorageSOPClassUID, VR.UI),
            entry(Tag.MediaStorageSOPInstanceUID, VR.UI),
            entry(Tag.TransferSyntaxUID, VR.UI),
            entry(Tag.ImplementationClassUID, VR.UI),
            entry(Tag.ImplementationVersionName, VR.SH),
            entry(Tag.SourceApplicationEntityTitle, VR.AE),
            entry(Tag.SpecificCharacterSet, VR.CS),
            entry(Tag.ImageType, VR.CS),
            entry(Tag.SOPClassUID, VR.UI),
            entry(Tag.SOPInstanceUID, VR.UI),
            entry(Tag.Modality, VR.CS),
            entry(Tag.BodyPartExamined, VR.CS),
            entry(Tag.StudyInstanceUID, VR.UI),
            entry(Tag.SeriesInstanceUID, VR.UI),
            entry(Tag.PatientIdentityRemoved, VR.CS),
            entry(Tag.DeidentificationMethod, VR.LO),
            entry(Tag.BurnedInAnnotation, VR.CS),
            entry(Tag.RecognizableVisualFeatures, VR.CS),
            entry(Tag.SamplesPerPixel, VR.US),
            entry(Tag.PhotometricInterpretation, VR.CS),
            entry(Tag.PlanarConfiguration, VR.US),
            entry(Tag.NumberOfFrames, VR.IS),
            entry(Tag.Rows, VR.US),
            entry(Tag.Columns, VR.US),
            entry(Tag.BitsAllocated, VR.US),
            entry(Tag.BitsStored, VR.US),
            entry(Tag.HighBit, VR.US),
            entry(Tag.PixelRepresentation, VR.US),
            entry(Tag.WindowCenter, VR.DS),
            entry(Tag.WindowWidth, VR.DS),
            entry(Tag.RescaleIntercept, VR.DS),
            entry(Tag.RescaleSlope, VR.DS),
            entry(Tag.RescaleType, VR.LO),
            entry(Tag.VOILUTFunction, VR.CS),
            entry(Tag.RedPaletteColorLookupTableDescriptor, VR.US),
            entry(Tag.GreenPaletteColorLookupTableDescriptor, VR.US),
            entry(Tag.BluePaletteColorLookupTableDescriptor, VR.US),
            entry(Tag.RedPaletteColorLookupTableData, VR.OW),
            entry(Tag.GreenPaletteColorLookupTableData, VR.OW),
            entry(Tag.BluePaletteColorLookupTableData, VR.OW),
            entry(Tag.ModalityLUTSequence, VR.SQ),
            entry(Tag.LUTDescriptor, VR.US),
            entry(Tag.LUTData, VR.OW),
            entry(Tag.VOILUTSequence, VR.SQ),
            entry(Tag.IconImageSequence, VR.SQ),
            entry(Tag.ExtendedOffsetTable, VR.OV),
            entry(Tag.ExtendedOffsetTableLengths, VR.OV),
            entry(Tag.FloatPixelData, VR.OF),
            entry(Tag.DoubleFloatPixelData, VR.OD),
            entry(Tag.PixelData, VR.OW),
            entry(Tag.DataSetTrailingPadding, VR.OB),
            entry(Tag.AccessionNumber, VR.SH),
            entry(Tag.InstitutionName, VR.LO),
            entry(Tag.InstitutionAddress, VR.ST),
            entry(Tag.ReferringPhysicianName, VR.PN),
            entry(Tag.ReferringPhysicianAddress, VR.ST),
            entry(Tag.ReferringPhysicianTelephoneNumbers, VR.SH),
            entry(Tag.StationName, VR.SH),
            entry(Tag.InstitutionalDepartmentName, VR.LO),
            entry(Tag.PhysiciansOfRecord, VR.PN),
            entry(Tag.PerformingPhysicianName, VR.PN),
            entry(Tag.NameOfPhysiciansReadingStudy, VR.PN),
            entry(Tag.OperatorsName, VR.PN),
            entry(Tag.PatientName, VR.PN),
            entry(Tag.PatientID, VR.LO),
            entry(Tag.IssuerOfPatientID, VR.LO),
            entry(Tag.PatientBirthDate, VR.DA),
            entry(Tag.PatientBirthTime, VR.TM),
            entry(Tag.PatientInsurancePlanCodeSequence, VR.SQ),
            entry(Tag.OtherPatientIDs, VR.LO),
            entry(Tag.OtherPatientNames, VR.PN),
            entry(Tag.OtherPatientIDsSequence, VR.SQ),
            entry(Tag.PatientBirthName, VR.PN),
            entry(Tag.PatientAddress, VR.LO),
            entry(Tag.PatientMotherBirthName, VR.PN),
            entry(Tag.MilitaryRank, VR.LO),
            entry(Tag.BranchOfService, VR.LO),
            entry(Tag.MedicalRecordLocator, VR.LO),
            entry(Tag.CountryOfResidence, VR.LO),
            entry(Tag.RegionOfResidence, VR.LO),
            entry(Tag.PatientTelephoneNumbers, VR.SH),
            entry(Tag.PatientTelecomInformation, VR.LT),
            entry(Tag.Occupation, VR.SH),
            entry(Tag.AdditionalPatientHistory, VR.LT),
            entry(Tag.ResponsiblePerson, VR.PN),
            entry(Tag.ResponsibleOrganization, VR.LO),
            entry(Tag.PatientComments, VR.LT),
            entry(Tag.DeviceSerialNumber, VR.LO),
            entry(Tag.StudyID, VR.SH),
            entry(Tag.RequestingPhysician, VR.PN),
            entry(Tag.AdmissionID, VR.LO),
            entry(Tag.ScheduledPerformingPhysicianName, VR.PN),
            entry(Tag.PersonName, VR.PN),
            entry(Tag.ContentCreatorName, VR.PN),
            entry(Tag.InstitutionCodeSequence, VR.SQ),
            entry(Tag.ReferringPhysicianIdentificationSequence, VR.SQ),
            entry(Tag.ConsultingPhysicianName, VR.PN),
            entry(Tag.ConsultingPhysicianIdentificationSequence, VR.SQ),
            entry(Tag.PhysiciansOfRecordIdentificationSequence, VR.SQ),
            entry(Tag.PerformingPhysicianIdentificationSequence, VR.SQ),
            entry(Tag.PhysiciansReadingStudyIdentificationSequence, VR.SQ),
            entry(Tag.OperatorIdentificationSequence, VR.SQ),
            entry(Tag.RequestingPhysicianIdentificationSequence, VR.SQ),
            entry(Tag.RequestingService, VR.LO),
            entry(Tag.CurrentPatientLocation, VR.LO),
            entry(Tag.PatientInstitutionResidence, VR.LO),
            entry(Tag.ScheduledPerformingPhysicianIdentificationSequence, VR.SQ),
            entry(Tag.ScheduledStationName, VR.SH),
            entry(Tag.PerformedStationName, VR.SH),
            entry(Tag.NamesOfIntendedRecipientsOfResults, VR.PN),
            entry(Tag.IntendedRecipientsOfResultsIdentificationSequence, VR.SQ),
            entry(Tag.PersonIdentificationCodeSequence, VR.SQ),
            entry(Tag.PersonAddress, VR.ST),
            entry(Tag.PersonTelephoneNumbers, VR.LO),
            entry(Tag.PersonTelecomInformation, VR.LT),
            entry(Tag.OrderEnteredBy, VR.PN),
            entry(Tag.OrderEntererLocation, VR.SH),
            entry(Tag.OrderCallbackPhoneNumber, VR.SH),
            entry(Tag.OrderCallbackTelecomInformation, VR.LT),
            entry(Tag.PlacerOrderNumberImagingServiceRequest, VR.LO),
            entry(Tag.FillerOrderNumberImagingServiceRequest, VR.LO),
            entry(Tag.HumanPerformerOrganization, VR.LO),
            entry(Tag.HumanPerformerName, VR.PN),
            entry(Tag.VerifyingObserverName, VR.PN),
            entry(Tag.VerifyingObserverIdentificationCodeSequence, VR.SQ),
            entry(Tag.ContentCreatorIdentificationCodeSequence, VR.SQ),
            entry(Tag.ReviewerName, VR.PN),
            entry(Tag.PhysicianApprovingInterpretation, VR.PN));

    private ElementDictionary() {
    }

    /**
     * The VR implicit VR gives {@code tag}: from the dictionary, UL for group lengths, LO for
     * private creators, UN otherwise. Item and delimitation tags have no VR and never reach here.
     */
    static VR implicitVr(int tag) {
        VR vr = IMPLICIT.get(tag);
        if (vr != null) {
            return vr;
        }
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
    }

    /** Whether the dictionary names {@code tag} (tests check it covers every {@link Tag}). */
    static boolean contains(int tag) {
        return IMPLICIT.containsKey(tag);
    }
}
