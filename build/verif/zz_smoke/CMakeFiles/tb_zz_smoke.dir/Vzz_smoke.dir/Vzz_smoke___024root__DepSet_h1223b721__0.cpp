// Verilated -*- C++ -*-
// DESCRIPTION: Verilator output: Design implementation internals
// See Vzz_smoke.h for the primary calling header

#include "verilated.h"

#include "Vzz_smoke___024root.h"

void Vzz_smoke___024root___eval_act(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___eval_act\n"); );
}

VL_INLINE_OPT void Vzz_smoke___024root___nba_sequent__TOP__0(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___nba_sequent__TOP__0\n"); );
    // Init
    VlWide<4>/*127:0*/ __Vtemp_hd2b6a71a__0;
    VlWide<4>/*127:0*/ __Vtemp_h5434da4d__0;
    // Body
    __Vtemp_hd2b6a71a__0[0U] = 1U;
    __Vtemp_hd2b6a71a__0[1U] = 0U;
    __Vtemp_hd2b6a71a__0[2U] = 0U;
    __Vtemp_hd2b6a71a__0[3U] = 0U;
    VL_ADD_W(4, __Vtemp_h5434da4d__0, __Vtemp_hd2b6a71a__0, vlSelf->in_data);
    if (vlSelf->rst) {
        vlSelf->out_data[0U] = 0U;
        vlSelf->out_data[1U] = 0U;
        vlSelf->out_data[2U] = 0U;
        vlSelf->out_data[3U] = 0U;
    } else {
        vlSelf->out_data[0U] = __Vtemp_h5434da4d__0[0U];
        vlSelf->out_data[1U] = __Vtemp_h5434da4d__0[1U];
        vlSelf->out_data[2U] = __Vtemp_h5434da4d__0[2U];
        vlSelf->out_data[3U] = __Vtemp_h5434da4d__0[3U];
    }
}

void Vzz_smoke___024root___eval_nba(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___eval_nba\n"); );
    // Body
    if (vlSelf->__VnbaTriggered.at(0U)) {
        Vzz_smoke___024root___nba_sequent__TOP__0(vlSelf);
    }
}

void Vzz_smoke___024root___eval_triggers__act(Vzz_smoke___024root* vlSelf);
#ifdef VL_DEBUG
VL_ATTR_COLD void Vzz_smoke___024root___dump_triggers__act(Vzz_smoke___024root* vlSelf);
#endif  // VL_DEBUG
#ifdef VL_DEBUG
VL_ATTR_COLD void Vzz_smoke___024root___dump_triggers__nba(Vzz_smoke___024root* vlSelf);
#endif  // VL_DEBUG

void Vzz_smoke___024root___eval(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___eval\n"); );
    // Init
    VlTriggerVec<1> __VpreTriggered;
    IData/*31:0*/ __VnbaIterCount;
    CData/*0:0*/ __VnbaContinue;
    // Body
    __VnbaIterCount = 0U;
    __VnbaContinue = 1U;
    while (__VnbaContinue) {
        __VnbaContinue = 0U;
        vlSelf->__VnbaTriggered.clear();
        vlSelf->__VactIterCount = 0U;
        vlSelf->__VactContinue = 1U;
        while (vlSelf->__VactContinue) {
            vlSelf->__VactContinue = 0U;
            Vzz_smoke___024root___eval_triggers__act(vlSelf);
            if (vlSelf->__VactTriggered.any()) {
                vlSelf->__VactContinue = 1U;
                if (VL_UNLIKELY((0x64U < vlSelf->__VactIterCount))) {
#ifdef VL_DEBUG
                    Vzz_smoke___024root___dump_triggers__act(vlSelf);
#endif
                    VL_FATAL_MT("/work/main/rtl/crypto/zz_smoke.v", 2, "", "Active region did not converge.");
                }
                vlSelf->__VactIterCount = ((IData)(1U) 
                                           + vlSelf->__VactIterCount);
                __VpreTriggered.andNot(vlSelf->__VactTriggered, vlSelf->__VnbaTriggered);
                vlSelf->__VnbaTriggered.set(vlSelf->__VactTriggered);
                Vzz_smoke___024root___eval_act(vlSelf);
            }
        }
        if (vlSelf->__VnbaTriggered.any()) {
            __VnbaContinue = 1U;
            if (VL_UNLIKELY((0x64U < __VnbaIterCount))) {
#ifdef VL_DEBUG
                Vzz_smoke___024root___dump_triggers__nba(vlSelf);
#endif
                VL_FATAL_MT("/work/main/rtl/crypto/zz_smoke.v", 2, "", "NBA region did not converge.");
            }
            __VnbaIterCount = ((IData)(1U) + __VnbaIterCount);
            Vzz_smoke___024root___eval_nba(vlSelf);
        }
    }
}

#ifdef VL_DEBUG
void Vzz_smoke___024root___eval_debug_assertions(Vzz_smoke___024root* vlSelf) {
    if (false && vlSelf) {}  // Prevent unused
    Vzz_smoke__Syms* const __restrict vlSymsp VL_ATTR_UNUSED = vlSelf->vlSymsp;
    VL_DEBUG_IF(VL_DBG_MSGF("+    Vzz_smoke___024root___eval_debug_assertions\n"); );
    // Body
    if (VL_UNLIKELY((vlSelf->clk & 0xfeU))) {
        Verilated::overWidthError("clk");}
    if (VL_UNLIKELY((vlSelf->rst & 0xfeU))) {
        Verilated::overWidthError("rst");}
}
#endif  // VL_DEBUG
