# Does the reward model mean what it says? (held-out pairs)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-calibration.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-calibration.png'
set termoption noenhanced
set title 'Does the reward model mean what it says? (held-out pairs)' font ',15'
set xlabel 'predicted P(a preferred to b)'
set ylabel 'how often a was preferred'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top left box lc rgb '#bbbbbb' opaque
set xrange [0:1]
set yrange [0:1]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '07-rlhf-calibration.dat' index 0 using 1:2 with lines lt 1 dt 2 title 'perfect calibration', \
     '07-rlhf-calibration.dat' index 1 using 1:2 with linespoints lt 2 title 'reward model σ(r(a) − r(b)), ECE 0.051', \
     '07-rlhf-calibration.dat' index 2 using 1:2 with linespoints lt 3 title 'the person'."'".'s own σ(Δr/τ), ECE 0.024'
