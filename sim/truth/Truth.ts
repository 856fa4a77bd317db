import type { Vec2 } from '../geometry/Vec2.ts';
import type { Vec3 } from '../store/StoreLayout.ts';

/** What a shopper is doing, as the ground truth records it. */
export type ShopperActivity =
  | 'queueing' | 'scanning' | 'walking' | 'browsing' | 'reaching' | 'ordering' | 'waiting'
  | 'trying-on' | 'leaving' | 'following';

/** How a shopper looks; cameras derive their appearance descriptors from it. */
export interface Appearance {
  readonly heightM: number;
  /** Shoulder half-width factor, 0.8 (slim) .. 1.25 (broad). */
  readonly build: number;
  readonly topColor: string;
  readonly bottomColor: string;
}

/** Who a shopper is, recorded once when they appear. */
export interface ShopperSpawn {
  readonly id: number;
  readonly visitId: number;
  /** The account the visit is bound to at the gate; null for a tailgater. */
  readonly accountId: string | null;
  readonly groupId: number | null;
  readonly profile: string;
  readonly speedMps: number;
  readonly radiusM: number;
  readonly appearance: Appearance;
  /** SKUs planned before arriving (impulse picks come later, as events). */
  readonly list: readonly string[];
  readonly adversarial: { readonly tailgate: boolean; readonly conceal: boolean; readonly swap: boolean };
  readonly faceEnrolled: boolean;
  /** Whose face this is: the account id for the account holder, `person-<id>` for anyone else. */
  readonly faceKey: string;
}

/** One shopper at one instant. */
export interface ShopperPose {
  readonly id: number;
  readonly position: Vec2;
  readonly headingRad: number;
  readonly activity: ShopperActivity;
  readonly leftHand: Vec3;
  readonly rightHand: Vec3;
}

/** Things that happen, in truth. Every change of stock or of what someone carries is one of these. */
export type TruthEvent =
  | { readonly kind: 'spawn'; readonly t: number; readonly shopper: ShopperSpawn }
  | { readonly kind: 'balked'; readonly t: number; readonly door: string; readonly queueLength: number }
  | { readonly kind: 'entered'; readonly t: number; readonly shopper: number; readonly door: string; readonly scanned: boolean }
  | { readonly kind: 'scan'; readonly t: number; readonly shopper: number; readonly at: string; readonly method: 'qr' | 'face'; readonly accountId: string | null; readonly faceKey: string }
  | { readonly kind: 'take'; readonly t: number; readonly shopper: number; readonly slot: string; readonly sku: string; readonly planned: boolean; readonly concealed: boolean }
  | { readonly kind: 'put-back'; readonly t: number; readonly shopper: number; readonly slot: string; readonly sku: string; readonly intendedSlot: string }
  | { readonly kind: 'handover'; readonly t: number; readonly from: number; readonly to: number; readonly sku: string }
  | { readonly kind: 'order'; readonly t: number; readonly shopper: number; readonly counter: string; readonly lines: readonly { readonly sku: string; readonly qty: number }[]; readonly totalCents: number }
  | { readonly kind: 'tried-on'; readonly t: number; readonly shopper: number; readonly room: string }
  | { readonly kind: 'exited'; readonly t: number; readonly shopper: number; readonly door: string }
  | { readonly kind: 'receipt'; readonly t: number; readonly visitId: number; readonly accountId: string | null; readonly shoppers: readonly number[]; readonly lines: readonly ReceiptLine[]; readonly totalCents: number };

/** One line of a true receipt. */
export interface ReceiptLine {
  readonly sku: string;
  readonly qty: number;
  readonly unitCents: number;
}
