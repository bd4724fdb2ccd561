/** Per-context learning on central-DP aggregates: cells, measurements, the aggregation interface, the learner. */
export { DEFAULT_CELL_SPEC, cartGroups, cellCount, cellLabel, cellOf, type CellSpec } from './contextCells';
export { HOLDOUT_ARM, LEARNING_TIERS, armIndex, cellArmCounts, measurementIndex, measurementLength, type LearningTier } from './measurement';
export { DEFAULT_CENTRAL_DP, centralEpsilon, centralSigma, createIdealAggregation, type Aggregation, type CentralDpSettings, type ReleasedBatch } from './aggregation';
export { DEFAULT_TUNING, cellPrior, learnCellPolicy, type ArmPosterior, type CellPolicy, type CellPrior, type CellState, type LearnInput, type LearnerTuning } from './cellPolicy';
export { centralBudget, centralReportEpsilon } from './contribution';
export { batchLength, batchOfDay, batchStart } from './batches';
export { releaseSums } from './aggregation';
export { MAX_MEASUREMENT_INDEX, MEASUREMENT_SCHEMA, SPEC_VERSION_RE, measurementReport, validateMeasurement, validateMeasurementBatch, type MeasuredExposure, type MeasurementReport } from './measurementReport';
export { DEFAULT_STOP_LOSS, stopLossOf, type StopLoss, type StopLossSettings } from './stopLoss';
export { allocationOf, nightlyCellPolicy, parseCellSpec, parseServedCells, servedCells, stopLossPolicy, type ServedCells } from './servedCells';
export { CELL_PRIOR_FORMAT, parseCellPriorFile, type CellPriorFile } from './cellPriorFile';
