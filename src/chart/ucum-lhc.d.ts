// @lhncbc/ucum-lhc ships no type declarations; this covers the one call Tailor makes (UcumLhcUtils.convertUnitTo).
declare module '@lhncbc/ucum-lhc' {
  export interface ConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
  }
  export interface UcumLhcUtils {
    convertUnitTo(fromUnit: string, fromValue: number, toUnit: string, options?: { molecularWeight?: number; charge?: number }): ConversionResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
